//go:build !js && !wasip1 && !tinygo

package clerkmini

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"strings"
	"time"
)

// HTTPTransport is the Transport for native builds, on top of net/http. Its zero value
// uses a shared http.Client that reuses connections, honours HTTPS_PROXY, never follows
// redirects (a redirect would carry the secret key to wherever it points) and stops
// reading a response header at MaxResponseHeaderBytes.
type HTTPTransport struct {
	// Client sends the requests; nil means the shared default described above.
	// A custom client's redirect policy and header limit are its own (the client still
	// refuses a header over the bounds once read).
	Client *http.Client
}

var sharedHTTPClient = &http.Client{
	Transport: &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    16,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: MaxResponseHeaderBytes, // net/http's default is 10 MB
	},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func defaultTransport() Transport { return &HTTPTransport{} }

// RoundTrip implements Transport.
func (t *HTTPTransport) RoundTrip(ctx context.Context, req *Request) (*Response, error) {
	client := t.Client
	if client == nil {
		client = sharedHTTPClient
	}
	var body io.Reader = http.NoBody
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
		return nil, NotSent(err)
	}
	hreq.Header = httpHeader(req.Header)
	hresp, err := client.Do(hreq)
	if err != nil {
		if neverSent(err) {
			return nil, NotSent(err)
		}
		if strings.Contains(err.Error(), "server response headers exceeded") {
			// net/http has no sentinel for it; say it as the client would.
			return nil, errors.New(headersTooLarge + ", the bound of clerkmini.MaxResponseHeaderBytes")
		}
		return nil, err
	}
	defer hresp.Body.Close() // too many fields: the client refuses the answer, as from any transport
	data, err := readBody(hresp)
	if err != nil {
		return nil, err
	}
	return &Response{StatusCode: hresp.StatusCode, Header: HeaderFrom(hresp.Header), Body: data}, nil
}

// canonicalNames are the client's own header names in net/http's canonical form, so
// that building a request allocates no key.
var canonicalNames = map[string]string{
	"Authorization": "Authorization", "Clerk-API-Version": "Clerk-Api-Version", "Content-Type": "Content-Type",
	"Accept": "Accept", "User-Agent": "User-Agent",
}

// httpHeader converts h with one backing array for all the values: a Header.Set per field
// would allocate a slice each.
func httpHeader(h Header) http.Header {
	out := make(http.Header, len(h))
	vals := make([]string, 0, len(h))
	for k, v := range h {
		ck, ok := canonicalNames[k]
		if !ok {
			ck = textproto.CanonicalMIMEHeaderKey(k)
		}
		vals = append(vals, v)
		out[ck] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	return out
}

// readBody reads at most MaxResponseBytes+1 bytes, in one allocation when the length is
// announced and fits.
func readBody(resp *http.Response) ([]byte, error) {
	if n := resp.ContentLength; n >= 0 && n <= MaxResponseBytes {
		data := make([]byte, n)
		if _, err := io.ReadFull(resp.Body, data); err != nil {
			return nil, err
		}
		return data, nil
	}
	return io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
}

// neverSent reports whether err happened while dialing, before any byte of the request
// could have been written.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
