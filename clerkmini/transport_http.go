//go:build !js && !wasip1 && !tinygo

package clerkmini

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// HTTPTransport is the Transport for native builds, on top of net/http. Its zero value
// uses a shared http.Client that reuses connections, honours HTTPS_PROXY and never
// follows redirects (a redirect would carry the secret key to wherever it points).
type HTTPTransport struct {
	// Client sends the requests; nil means the shared default described above.
	// A custom client's redirect policy is its own.
	Client *http.Client
}

var sharedHTTPClient = &http.Client{
	Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
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
	for k, v := range req.Header {
		hreq.Header.Set(k, v)
	}
	hresp, err := client.Do(hreq)
	if err != nil {
		if neverSent(err) {
			return nil, NotSent(err)
		}
		return nil, err
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hresp.Body, MaxResponseBytes+1))
	if err != nil {
		return nil, err
	}
	h := make(Header, len(hresp.Header))
	for k, vs := range hresp.Header {
		h[k] = strings.Join(vs, ", ")
	}
	return &Response{StatusCode: hresp.StatusCode, Header: h, Body: data}, nil
}

// neverSent reports whether err happened while dialing, before any byte of the request
// could have been written.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
