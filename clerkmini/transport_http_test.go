//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

func TestOverRealHTTP(t *testing.T) {
	sb := clerktest.New()
	srv := httptest.NewServer(sb)
	defer srv.Close()
	c, err := clerkmini.New(sb.SecretKey(), clerkmini.WithAPIURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tok, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_bob", ExpiresInSeconds: 60})
	if err != nil || tok.Status != "pending" || tok.UserID != "user_bob" || !strings.HasPrefix(tok.ID, "sit_") {
		t.Fatalf("create: %+v, %v", tok, err)
	}
	got, err := c.SignInTokens.Revoke(ctx, tok.ID)
	if err != nil || got.Status != "revoked" || got.ID != tok.ID {
		t.Fatalf("revoke: %+v, %v", got, err)
	}
	_, err = c.SignInTokens.Revoke(ctx, tok.ID)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || ce.StatusCode != 400 || !ce.HasCode("sign_in_token_cannot_be_revoked_code") || ce.TraceID == "" {
		t.Fatalf("second revoke: %v", err)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var leaked atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
	}))
	defer elsewhere.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	c := httpClient(t, redirector.URL)
	_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var se *clerkmini.SDKError
	if !errors.As(err, &se) || se.StatusCode != 307 {
		t.Fatalf("got %v", err)
	}
	if leaked.Load() != 0 {
		t.Fatal("the key followed the redirect")
	}
}

func TestOversizedBodyOverHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(" ", 64<<10))
		for i := 0; i < 64; i++ { // 4 MiB of whitespace, valid JSON padding
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := httpClient(t, srv.URL)
	_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var se *clerkmini.SDKError
	if !errors.As(err, &se) || !strings.Contains(se.Reason, "larger than 1 MiB") {
		t.Fatalf("got %v", err)
	}
}

func TestRefusedConnectionIsMarkedNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c := httpClient(t, "http://"+addr, clerkmini.WithRetries(1))
	clerkmini.SetSleep(c, func(context.Context, time.Duration) error { return nil })
	_, err = c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var te *clerkmini.TransportError
	if !errors.As(err, &te) || te.MayHaveReachedClerk || te.Attempts != 2 || !errors.Is(err, clerkmini.ErrRequestNotSent) {
		t.Fatalf("got %#v", err)
	}
	if strings.Contains(err.Error(), "may have been created") || strings.Contains(err.Error(), "4m3Kx9") {
		t.Errorf("Error() = %q", err)
	}
}

// httpClient is a client with its own HTTP transport, calling the API at url.
func httpClient(t *testing.T, url string, opts ...clerkmini.Option) *clerkmini.Client {
	t.Helper()
	c, err := clerkmini.New(testKey, append([]clerkmini.Option{clerkmini.WithAPIURL(url)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rawServer answers every connection on 127.0.0.1 with head, then with fill repeated
// until n bytes are written or the client hangs up.
func rawServer(t *testing.T, head string, fill []byte, n int) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				buf := make([]byte, 4096)
				_, _ = conn.Read(buf)
				if _, err := conn.Write([]byte(head)); err != nil {
					return
				}
				for sent := 0; sent < n; sent += len(fill) {
					if _, err := conn.Write(fill); err != nil {
						return
					}
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// TestHugeResponseHeaderIsRefused: a 10 MB header is refused with an error that says so,
// and the client does not hold it (measured as bytes allocated while reading it).
func TestHugeResponseHeaderIsRefused(t *testing.T) {
	url := rawServer(t, "HTTP/1.1 200 OK\r\nX-Huge: ", bytes.Repeat([]byte("a"), 64<<10), 10<<20)
	c := httpClient(t, url, clerkmini.WithRetries(0))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	runtime.ReadMemStats(&after)
	var te *clerkmini.TransportError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "headers are larger than 64 KiB") {
		t.Fatalf("got %v", err)
	}
	// Measured: about 450 kB with the bound, 73 MB with net/http's default of 10 MB.
	if held := after.TotalAlloc - before.TotalAlloc; held > 16*clerkmini.MaxResponseHeaderBytes {
		t.Errorf("reading the refused answer allocated %d bytes, want at most %d", held, 16*clerkmini.MaxResponseHeaderBytes)
	}
}

// TestTooManyResponseHeaderFieldsAreRefused: header fields are counted too, over
// HTTPTransport and whatever transport answers.
func TestTooManyResponseHeaderFieldsAreRefused(t *testing.T) {
	var head strings.Builder
	head.WriteString("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n")
	for i := 0; i <= clerkmini.MaxResponseHeaderFields; i++ {
		fmt.Fprintf(&head, "X-F%d: v\r\n", i)
	}
	head.WriteString("\r\n")
	c := httpClient(t, rawServer(t, head.String(), nil, 0), clerkmini.WithRetries(0))
	_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var se *clerkmini.SDKError // an answer that came, refused: not a transport failure a revoke would retry
	if !errors.As(err, &se) || se.StatusCode != 404 || !strings.Contains(err.Error(), "more than 100 header fields") {
		t.Errorf("over HTTP: got %v", err)
	}

	h := make([]string, 0, 2*(clerkmini.MaxResponseHeaderFields+1))
	for i := 0; i <= clerkmini.MaxResponseHeaderFields; i++ {
		h = append(h, "X-F"+strconv.Itoa(i), "v")
	}
	rec := answering(answer(200, tokenJSON, h...))
	_, err = newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	if !errors.As(err, &se) || se.StatusCode != 200 || !strings.Contains(err.Error(), "more than 100 header fields") {
		t.Errorf("from any transport: got %v", err)
	}
	rec = answering(answer(200, tokenJSON, "X-Big", strings.Repeat("b", clerkmini.MaxResponseHeaderBytes)))
	_, err = newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "headers are larger than 64 KiB") {
		t.Errorf("a big header from any transport: got %v", err)
	}
}

// TestRepeatedHeaderFieldsAreJoined: a field sent twice reaches the client as one value,
// joined with ", " (HeaderFrom), as a proxy may fold it.
func TestRepeatedHeaderFieldsAreJoined(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Clerk-Trace-Id"] = []string{"first", "second"}
		w.WriteHeader(500)
	}))
	defer srv.Close()
	resp, err := (&clerkmini.HTTPTransport{}).RoundTrip(context.Background(), &clerkmini.Request{Method: "POST", URL: srv.URL})
	if err != nil || resp.Header.Get("Clerk-Trace-Id") != "first, second" {
		t.Fatalf("got %+v, %v; want Clerk-Trace-Id %q", resp, err, "first, second")
	}
}
