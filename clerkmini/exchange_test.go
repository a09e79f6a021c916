package clerkmini_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// newExchangeClient is a client whose exchanges are driven by hand: its transport is never called.
func newExchangeClient(t *testing.T, opts ...clerkmini.Option) *clerkmini.Client {
	t.Helper()
	never := clerkmini.TransportFunc(func(context.Context, *clerkmini.Request) (*clerkmini.Response, error) {
		t.Fatal("the transport was called")
		return nil, nil
	})
	return newClient(t, never, append([]clerkmini.Option{clerkmini.WithJitter(func(n int64) int64 { return n - 1 })}, opts...)...)
}

func response(status int, body string, header ...string) *clerkmini.Response {
	r, _ := answer(status, body, header...)()
	return r
}

const tooMany = `{"errors":[{"code":"too_many_requests","message":"Too many requests"}]}`

func TestExchangeDecidesFromItsInputsAlone(t *testing.T) {
	c := newExchangeClient(t)
	x, err := c.SignInTokens.NewCreate(clerkmini.CreateSignInTokenParams{UserID: "user_1", ExpiresInSeconds: 60})
	if err != nil {
		t.Fatal(err)
	}
	s := x.Next()
	if s.Action != clerkmini.ActionSend || s.Request.URL != "https://api.clerk.com/v1/sign_in_tokens" ||
		string(s.Request.Body) != `{"user_id":"user_1","expires_in_seconds":60}` || s.Timeout != clerkmini.DefaultTimeout {
		t.Fatalf("first step %+v", s)
	}
	// An HTTP-date Retry-After is read against the driver's clock, not the machine's.
	now := time.Date(1994, 11, 6, 8, 49, 30, 0, time.UTC)
	s = x.Response(response(429, tooMany, "Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"), now)
	var ce *clerkmini.ClerkErrors
	if s.Action != clerkmini.ActionWait || s.Wait != 7*time.Second || !errors.As(s.Err, &ce) || ce.RetryAfter != 7*time.Second {
		t.Fatalf("after a 429: %+v", s)
	}
	if again := x.Response(response(200, tokenJSON), now); again.Action != clerkmini.ActionWait {
		t.Fatalf("an answer during a wait changed the step: %+v", again)
	}
	// A lost answer to a create is final; the earlier 429 counts as an attempt.
	if s = x.Next(); s.Action != clerkmini.ActionSend {
		t.Fatalf("after the wait: %+v", s)
	}
	s = x.Failed(errors.New("connection reset"))
	var te *clerkmini.TransportError
	if s.Action != clerkmini.ActionFail || !errors.As(s.Err, &te) || te.Attempts != 2 || !te.MayHaveReachedClerk {
		t.Fatalf("after a lost answer: %+v", s)
	}
	if x.Next().Action != clerkmini.ActionFail || x.Abort(context.Canceled).Err != s.Err {
		t.Error("a finished exchange moved on")
	}
}

func TestExchangeAbortKeepsWhatHappened(t *testing.T) {
	c := newExchangeClient(t)
	revoke := func() *clerkmini.Exchange {
		x, err := c.SignInTokens.NewRevoke("sit_1")
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	// Before anything was sent: no attempt, nothing reached Clerk.
	s := revoke().Abort(context.Canceled)
	var te *clerkmini.TransportError
	if !errors.As(s.Err, &te) || te.Attempts != 0 || te.MayHaveReachedClerk || te.Last != nil {
		t.Fatalf("abort before sending: %+v", s.Err)
	}
	// During a wait after a 503: the failed attempt is kept, and may have acted.
	x := revoke()
	if s = x.Response(response(503, "<html>"), time.Now()); s.Action != clerkmini.ActionWait || s.Wait != 500*time.Millisecond {
		t.Fatalf("after a 503: %+v", s)
	}
	s = x.Abort(context.Canceled)
	var se *clerkmini.SDKError
	if !errors.As(s.Err, &te) || te.Attempts != 1 || !te.MayHaveReachedClerk || !errors.As(s.Err, &se) || se.StatusCode != 503 ||
		!strings.Contains(s.Err.Error(), "gave up waiting to retry") {
		t.Fatalf("abort during a wait: %v", s.Err)
	}
	// A cancelled request in flight is never retried, even for a revoke.
	x = revoke()
	if s = x.Failed(context.Canceled); s.Action != clerkmini.ActionFail {
		t.Fatalf("cancelled in flight: %+v", s)
	}
	// A request that never left is retried, even for a create.
	x, _ = c.SignInTokens.NewCreate(clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	if s = x.Failed(clerkmini.NotSent(errors.New("refused"))); s.Action != clerkmini.ActionWait {
		t.Fatalf("not sent: %+v", s)
	}
}

func TestWithJitterRefusesNil(t *testing.T) {
	_, err := clerkmini.New(testKey, clerkmini.WithJitter(nil))
	var ve *clerkmini.ValidationError
	if !errors.As(err, &ve) || ve.Field != "jitter" {
		t.Fatalf("got %v", err)
	}
}

// A transport (or a host driving an Exchange) that reports neither an answer nor an
// error has lost the answer: the call fails as a transport failure, on either face.
func TestNoAnswerAndNoErrorIsATransportFailure(t *testing.T) {
	params := clerkmini.CreateSignInTokenParams{UserID: "user_1", ExpiresInSeconds: 60}
	x, err := newExchangeClient(t).SignInTokens.NewCreate(params)
	if err != nil {
		t.Fatal(err)
	}
	nothing := clerkmini.TransportFunc(func(context.Context, *clerkmini.Request) (*clerkmini.Response, error) { return nil, nil })
	_, callErr := newClient(t, nothing).SignInTokens.Create(context.Background(), params)
	for face, err := range map[string]error{"Exchange.Response(nil)": x.Response(nil, time.Now()).Err, "Client": callErr} {
		var te *clerkmini.TransportError
		if !errors.As(err, &te) || !te.MayHaveReachedClerk || !strings.Contains(err.Error(), "neither a response nor an error") {
			t.Errorf("%s: %v, want a *TransportError for the missing answer", face, err)
		}
	}
}
