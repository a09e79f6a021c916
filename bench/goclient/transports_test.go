package goclient

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// handlerRT is an http.RoundTripper that serves each request with an http.Handler in
// the same goroutine, through httptest.ResponseRecorder: the cheapest honest way to give
// an *http.Client (all clerk-sdk-go accepts) a server without a socket.
type handlerRT struct{ h http.Handler }

func (t handlerRT) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	if req.Body != nil {
		req.Body.Close() // a RoundTripper must close the request body
	}
	return rec.Result(), nil
}

// cannedToken is a sign-in token as the sandbox returns it (JWT shortened), so the
// canned transport decodes the same fields.
const cannedToken = `{"object":"sign_in_token","id":"sit_2aBcDeFgHiJkLmNoPqRsTuVwXyZ","status":"pending",` +
	`"user_id":"user_alice","token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyX2FsaWNlIn0.c2lnbmF0dXJl",` +
	`"url":"https://accounts.example.test/sign-in?__clerk_ticket=eyJhbGciOiJIUzI1NiJ9",` +
	`"created_at":1764460800000,"updated_at":1764460800000}`

// cannedRT answers every request with cannedToken: no server work, only the clients'.
type cannedRT struct{}

func (cannedRT) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body) // a real server reads the body
		req.Body.Close()
	}
	return &http.Response{
		StatusCode:    200,
		Status:        "200 OK",
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(cannedToken)),
		ContentLength: int64(len(cannedToken)),
		Request:       req,
	}, nil
}

// cannedTransport is cannedRT as a clerkmini.Transport: the same answer, without net/http.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(context.Context, *clerkmini.Request) (*clerkmini.Response, error) {
	return &clerkmini.Response{StatusCode: 200, Header: clerkmini.Header{"Content-Type": "application/json"}, Body: []byte(cannedToken)}, nil
}
