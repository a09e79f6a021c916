package goclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"

	clerk "github.com/clerk/clerk-sdk-go/v2"
	"github.com/clerk/clerk-sdk-go/v2/signintoken"
	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

const userID = "user_alice"

// cannedKey is the key the clients send where a canned answer stands in for the sandbox
// (which makes a random key of its own): nothing checks it.
const cannedKey = "sk_test_bench_canned"

// createRevoke is one unit of work: mint a token, then revoke it.
type createRevoke func(ctx context.Context) error

// clerkminiOver returns clerkmini doing the work with key through hc (a nil hc: the
// given clerkmini.Transport, for the sandbox's own in-memory transport).
func clerkminiOver(tb testing.TB, apiURL, key string, hc *http.Client, tr clerkmini.Transport) createRevoke {
	if tr == nil {
		tr = &clerkmini.HTTPTransport{Client: hc}
	}
	c, err := clerkmini.New(key, clerkmini.WithAPIURL(apiURL), clerkmini.WithTransport(tr))
	if err != nil {
		tb.Fatal(err)
	}
	p := clerkmini.CreateSignInTokenParams{UserID: userID, ExpiresInSeconds: 600}
	return func(ctx context.Context) error {
		tok, err := c.SignInTokens.Create(ctx, p)
		if err != nil {
			return err
		}
		_, err = c.SignInTokens.Revoke(ctx, tok.ID)
		return err
	}
}

// sdkOver returns clerk-sdk-go doing the same work through hc, configured as its
// README shows for a custom HTTP client.
func sdkOver(apiURL, key string, hc *http.Client) createRevoke {
	c := signintoken.NewClient(&clerk.ClientConfig{BackendConfig: clerk.BackendConfig{
		HTTPClient: hc,
		URL:        clerk.String(apiURL + "/v1"),
		Key:        clerk.String(key),
	}})
	return func(ctx context.Context) error {
		tok, err := c.Create(ctx, &signintoken.CreateParams{UserID: clerk.String(userID), ExpiresInSeconds: clerk.Int64(600)})
		if err != nil {
			return err
		}
		_, err = c.Revoke(ctx, tok.ID)
		return err
	}
}

// run times work b.N times; a failure is fatal, so a broken client cannot look fast.
func run(b *testing.B, work createRevoke) {
	ctx := context.Background()
	if err := work(ctx); err != nil { // also warms connections and lazy state
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := work(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateRevoke compares the clients on three transports; sub-benchmark names
// carry client=… so that `benchstat -col /client` sets them side by side.
//
//   - transport=memory: both clients get one *http.Client whose RoundTripper calls the
//     sandbox's http.Handler in-process (handlerRT). Both pay net/http's client path,
//     the recorder and the sandbox: the same bytes, no socket.
//   - transport=canned: the same, but the RoundTripper answers a fixed token with no
//     server work, so the numbers are the clients' own cost.
//   - transport=loopback: the sandbox served by httptest on 127.0.0.1, each client with
//     its own clone of http.DefaultTransport (keep-alive, as in production).
//   - transport=seam: each client at its cheapest seam with the canned answer:
//     clerkmini.Transport for clerkmini, *http.Client for clerk-sdk-go.
//   - transport=native: clerkmini alone, on the sandbox's clerkmini.Transport.
func BenchmarkCreateRevoke(b *testing.B) {
	clients := []struct {
		name string
		make func(apiURL, key string, hc *http.Client) createRevoke
	}{
		{"clerkmini", func(u, key string, hc *http.Client) createRevoke { return clerkminiOver(b, u, key, hc, nil) }},
		{"clerk-sdk-go", sdkOver},
	}
	if os.Getenv("BENCH_REVERSE") != "" { // the report alternates which client runs first
		slices.Reverse(clients)
	}
	for _, c := range clients {
		b.Run("transport=memory/client="+c.name, func(b *testing.B) {
			sb := clerktest.New()
			hc := &http.Client{Transport: handlerRT{sb}}
			run(b, c.make("https://api.clerk.test", sb.SecretKey(), hc))
		})
	}
	for _, c := range clients {
		b.Run("transport=canned/client="+c.name, func(b *testing.B) {
			hc := &http.Client{Transport: cannedRT{}}
			run(b, c.make("https://api.clerk.test", cannedKey, hc))
		})
	}
	for _, c := range clients {
		b.Run("transport=loopback/client="+c.name, func(b *testing.B) {
			sb := clerktest.New()
			srv := httptest.NewServer(sb)
			defer srv.Close()
			tr := http.DefaultTransport.(*http.Transport).Clone()
			defer tr.CloseIdleConnections()
			run(b, c.make(srv.URL, sb.SecretKey(), &http.Client{Transport: tr}))
		})
	}
	// Each client at its cheapest seam with a canned answer: clerkmini's own Transport
	// interface (no net/http), clerk-sdk-go's *http.Client (it has no other).
	for _, c := range clients {
		b.Run("transport=seam/client="+c.name, func(b *testing.B) {
			if c.name == "clerkmini" {
				run(b, clerkminiOver(b, "https://api.clerk.test", cannedKey, nil, cannedTransport{}))
				return
			}
			run(b, c.make("https://api.clerk.test", cannedKey, &http.Client{Transport: cannedRT{}}))
		})
	}
	// clerkmini on the sandbox's own in-memory clerkmini.Transport, with no net/http:
	// what clerkmini's tests and wasm builds pay. clerk-sdk-go has no such seam (it
	// speaks only *http.Client), so this row has no peer and no ratio.
	b.Run("transport=native/client=clerkmini", func(b *testing.B) {
		sb := clerktest.New()
		run(b, clerkminiOver(b, "https://api.clerk.test", sb.SecretKey(), nil, sb))
	})
}
