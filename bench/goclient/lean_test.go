package goclient

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// leanTransport is an experiment, not shipped: clerkmini.HTTPTransport with the request
// header map built directly (one backing array for all values, keys canonicalised once
// per name) instead of a Header.Set per field, which allocates a []string each time. The
// report sets it beside HTTPTransport to show what that allocation hot spot costs.
type leanTransport struct {
	client *http.Client
	keys   map[string]string // clerkmini's header names → canonical form, filled on first use
}

func (t *leanTransport) RoundTrip(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
	var body io.Reader = http.NoBody
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
		return nil, clerkmini.NotSent(err)
	}
	vals := make([]string, 0, len(req.Header))
	h := make(http.Header, len(req.Header))
	for k, v := range req.Header {
		ck, ok := t.keys[k]
		if !ok {
			ck = textproto.CanonicalMIMEHeaderKey(k)
			t.keys[k] = ck // benchmarks call from one goroutine
		}
		vals = append(vals, v)
		h[ck] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	hreq.Header = h
	hresp, err := t.client.Do(hreq)
	if err != nil {
		return nil, err
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hresp.Body, clerkmini.MaxResponseBytes+1))
	if err != nil {
		return nil, err
	}
	rh := make(clerkmini.Header, len(hresp.Header))
	for k, vs := range hresp.Header {
		rh[k] = strings.Join(vs, ", ")
	}
	return &clerkmini.Response{StatusCode: hresp.StatusCode, Header: rh, Body: data}, nil
}
