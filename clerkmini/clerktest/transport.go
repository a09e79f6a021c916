package clerktest

import (
	"context"
	"errors"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/internal/wait"
)

// RoundTrip implements clerkmini.Transport: the sandbox answers in memory, with no socket.
func (s *Sandbox) RoundTrip(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := req.URL
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
		if j := strings.IndexByte(path, '/'); j >= 0 {
			path = path[j:]
		} else {
			path = "/"
		}
	}
	if strings.ContainsAny(path, "?#") {
		path = path[:strings.IndexAny(path, "?#")]
	}
	if f := s.peekUnreachable(routeOp(req.Method, path)); f {
		return nil, clerkmini.NotSent(errors.New("dial tcp: connection refused (sandbox fault)"))
	}
	a, f := s.serve(req.Method, path, req.Header, append([]byte(nil), req.Body...))
	if f != nil {
		if err := wait.For(ctx, f.Latency); err != nil {
			return nil, err
		}
	}
	if a.drop {
		return nil, errors.New("connection reset by peer (sandbox fault)")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h := make(clerkmini.Header, len(a.header))
	for k, v := range a.header {
		h[k] = v
	}
	return &clerkmini.Response{StatusCode: a.status, Header: h, Body: a.body}, nil
}

func routeOp(method, path string) string {
	op, _ := route(method, path)
	return op
}

// peekUnreachable takes the next matching fault if it is Unreachable: such a request
// never arrives, so it is not counted.
func (s *Sandbox) peekUnreachable(op string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.Op != "" && f.Op != op {
			continue
		}
		if !f.Unreachable {
			return false
		}
		s.takeFault(op)
		return true
	}
	return false
}
