package clerkmini_test

import (
	"context"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// cannedTransport answers every request with the same token, so the benchmarks measure
// the client (request building, decoding) and not a server.
type cannedTransport struct{ resp clerkmini.Response }

func (c *cannedTransport) RoundTrip(context.Context, *clerkmini.Request) (*clerkmini.Response, error) {
	r := c.resp
	return &r, nil
}

func benchClient(b *testing.B) *clerkmini.Client {
	tr := &cannedTransport{clerkmini.Response{StatusCode: 200, Header: clerkmini.Header{"Content-Type": "application/json"}, Body: []byte(tokenJSON)}}
	c, err := clerkmini.New(testKey, clerkmini.WithTransport(tr))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkCreate(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	p := clerkmini.CreateSignInTokenParams{UserID: "user_2aBcDeFgHiJkLmNoPqRsTuVwXyZ", ExpiresInSeconds: 600}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SignInTokens.Create(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRevoke(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SignInTokens.Revoke(ctx, "sit_2aBcDeFgHiJkLmNoPqRsTuVwXyZ"); err != nil {
			b.Fatal(err)
		}
	}
}
