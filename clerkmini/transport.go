package clerkmini

import (
	"context"
	"errors"
	"strings"
)

// MaxResponseBytes bounds the response bodies the client accepts. A Transport should
// read at most MaxResponseBytes+1 bytes, so that the client can tell an oversized body
// from one that fits; the client refuses anything longer whatever the transport read.
const MaxResponseBytes = 1 << 20

// Bounds of the response header the client accepts: its fields, counted as a Header holds
// them, and their names and values in bytes. Clerk sends a few dozen fields in a few KiB.
// HTTPTransport stops reading at these bounds; the client refuses a Response over them
// whatever the transport read.
const (
	MaxResponseHeaderFields = 100
	MaxResponseHeaderBytes  = 64 << 10
)

// ErrRequestNotSent marks a transport error after which the request certainly did not
// reach the server (a refused connection, a failed DNS lookup). A Transport marks such
// errors with [NotSent]; only those let a Create be retried.
var ErrRequestNotSent = errors.New("request not sent")

// NotSent wraps err so that errors.Is(err, ErrRequestNotSent) reports true, keeping
// err's message and chain.
func NotSent(err error) error { return notSentError{err} }

type notSentError struct{ err error }

func (e notSentError) Error() string        { return e.err.Error() }
func (e notSentError) Unwrap() error        { return e.err }
func (e notSentError) Is(target error) bool { return target == ErrRequestNotSent }

// Transport sends one HTTP request and returns its response. It is the seam where
// net/http, a JavaScript host's fetch, the in-memory sandbox or a replay of recorded
// exchanges plug in.
//
// RoundTrip returns an error only when it got no response; a non-2xx status is a
// response. It must honour ctx, read at most MaxResponseBytes+1 bytes of body, and must
// not keep or log the request's Authorization header.
type Transport interface {
	RoundTrip(ctx context.Context, req *Request) (*Response, error)
}

// TransportFunc adapts a function to the Transport interface.
type TransportFunc func(ctx context.Context, req *Request) (*Response, error)

// RoundTrip calls f(ctx, req).
func (f TransportFunc) RoundTrip(ctx context.Context, req *Request) (*Response, error) {
	return f(ctx, req)
}

// Request is a plain HTTP request.
type Request struct {
	Method string // "POST"
	URL    string // absolute, already escaped
	Header Header
	Body   []byte // nil when the request has no body
}

// Response is a plain HTTP response.
type Response struct {
	StatusCode int
	Header     Header
	Body       []byte
}

// Header holds HTTP header fields, one value per name. A field that came several times is
// joined with ", ", as RFC 9110 allows. Names keep the case they were set with; Get
// ignores case.
type Header map[string]string

// HeaderFrom returns h (an http.Header, or any header with several values per name) with
// one value per name, a name's values joined with ", ": the one place a multi-valued
// header becomes a Header (HTTPTransport's answers, the sandbox's requests).
func HeaderFrom(h map[string][]string) Header {
	out := make(Header, len(h))
	for k, vs := range h {
		out[k] = strings.Join(vs, ", ")
	}
	return out
}

// Get returns the value of the named field, ignoring case, or "".
func (h Header) Get(name string) string {
	if v, ok := h[name]; ok {
		return v
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}
