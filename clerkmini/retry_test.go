package clerkmini_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// waits records the client's waits between attempts instead of taking them.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func sandboxClient(t *testing.T, sb *clerktest.Sandbox, opts ...clerkmini.Option) (*clerkmini.Client, *waits) {
	t.Helper()
	c, err := sb.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	w := &waits{}
	clerkmini.SetSleep(c, w.sleep)
	clerkmini.SetJitter(c, func(n int64) int64 { return n - 1 }) // the longest wait of each step
	return c, w
}

var alice = clerkmini.CreateSignInTokenParams{UserID: "user_alice"}

func TestRateLimitIsRetriedAfterRetryAfter(t *testing.T) {
	for _, op := range []string{"create", "revoke"} {
		sb := clerktest.New()
		c, w := sandboxClient(t, sb)
		ctx := context.Background()
		id := ""
		if op == "revoke" {
			tok, err := c.SignInTokens.Create(ctx, alice)
			if err != nil {
				t.Fatal(err)
			}
			id = tok.ID
		}
		before := sb.Requests()
		sb.Inject(clerktest.Fault{Op: op, Status: 429, RetryAfter: 3 * time.Second})
		var err error
		if op == "create" {
			_, err = c.SignInTokens.Create(ctx, alice)
		} else {
			_, err = c.SignInTokens.Revoke(ctx, id)
		}
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		if len(w.d) != 1 || w.d[0] != 3*time.Second || sb.Requests()-before != 2 {
			t.Errorf("%s: waits %v, %d requests; want one wait of 3s and 2 requests", op, w.d, sb.Requests()-before)
		}
		if op == "create" && sb.Tokens("") != 1 {
			t.Errorf("create minted %d tokens", sb.Tokens(""))
		}
	}
}

func TestRateLimitIsReturnedWhenTheWaitDoesNotFit(t *testing.T) {
	sb := clerktest.New()
	c, w := sandboxClient(t, sb)
	// A Retry-After beyond MaxRetryAfter goes back to the caller.
	sb.Inject(clerktest.Fault{Status: 429, RetryAfter: clerkmini.MaxRetryAfter + time.Second})
	_, err := c.SignInTokens.Create(context.Background(), alice)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || ce.StatusCode != 429 || ce.RetryAfter != clerkmini.MaxRetryAfter+time.Second || !ce.HasCode("too_many_requests") {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "(retry after 31s)") {
		t.Errorf("Error() = %q", err)
	}
	// So does one that would outlive the caller's deadline.
	sb.Inject(clerktest.Fault{Status: 429, RetryAfter: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err = c.SignInTokens.Create(ctx, alice)
	if !errors.As(err, &ce) || ce.StatusCode != 429 || len(w.d) != 0 {
		t.Fatalf("got %v after waits %v", err, w.d)
	}
	// And with retries off.
	c0, w0 := sandboxClient(t, sb, clerkmini.WithRetries(0))
	sb.Inject(clerktest.Fault{Status: 429, RetryAfter: time.Second})
	if _, err := c0.SignInTokens.Create(context.Background(), alice); !errors.As(err, &ce) || len(w0.d) != 0 {
		t.Fatalf("retries off: %v after waits %v", err, w0.d)
	}
	if sb.Tokens("") != 0 {
		t.Errorf("%d tokens minted", sb.Tokens(""))
	}
}

func TestCreateIsNeverRetriedOnceItMayHaveReachedClerk(t *testing.T) {
	for name, f := range map[string]clerktest.Fault{
		"500":                     {Status: 500},
		"502 html":                {Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"},
		"503 after minting":       {Status: 503, AfterProcessing: true},
		"connection lost":         {Drop: true},
		"answer lost after mint":  {Drop: true, AfterProcessing: true},
		"slow answer after mint":  {Latency: 2 * time.Second},
		"timeout before any mint": {Latency: 2 * time.Second, Status: 500},
	} {
		sb := clerktest.New()
		c, w := sandboxClient(t, sb, clerkmini.WithTimeout(50*time.Millisecond))
		sb.Inject(f)
		_, err := c.SignInTokens.Create(context.Background(), alice)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if sb.Requests() != 1 || len(w.d) != 0 {
			t.Errorf("%s: %d requests and waits %v; a create must be sent once", name, sb.Requests(), w.d)
		}
		var te *clerkmini.TransportError
		if errors.As(err, &te) {
			if !te.MayHaveReachedClerk || !strings.Contains(err.Error(), "a token may have been created") {
				t.Errorf("%s: %v does not say a token may exist", name, err)
			}
		}
	}
}

func TestCreateIsRetriedWhenTheRequestNeverLeft(t *testing.T) {
	sb := clerktest.New()
	c, w := sandboxClient(t, sb)
	sb.Inject(clerktest.Fault{Unreachable: true, Times: 2})
	tok, err := c.SignInTokens.Create(context.Background(), alice)
	if err != nil || tok.Status != "pending" {
		t.Fatalf("got %+v, %v", tok, err)
	}
	if sb.Tokens("") != 1 || len(w.d) != 2 || w.d[0] != 500*time.Millisecond || w.d[1] != 750*time.Millisecond {
		t.Errorf("%d tokens, waits %v; want 1 token after waits of 500ms and 750ms", sb.Tokens(""), w.d)
	}
}

func TestRevokeIsRetriedAfterServerErrors(t *testing.T) {
	sb := clerktest.New()
	c, w := sandboxClient(t, sb)
	tok, err := c.SignInTokens.Create(context.Background(), alice)
	if err != nil {
		t.Fatal(err)
	}
	sb.Inject(clerktest.Fault{Op: "revoke", Status: 503})
	sb.Inject(clerktest.Fault{Op: "revoke", Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"})
	got, err := c.SignInTokens.Revoke(context.Background(), tok.ID)
	if err != nil || got.Status != "revoked" {
		t.Fatalf("got %+v, %v", got, err)
	}
	if len(w.d) != 2 {
		t.Errorf("waits %v, want 2", w.d)
	}

	// Out of retries: the last answer is returned with the count of attempts.
	tok, _ = c.SignInTokens.Create(context.Background(), alice)
	sb.Inject(clerktest.Fault{Op: "revoke", Status: 500, Times: 3})
	_, err = c.SignInTokens.Revoke(context.Background(), tok.ID)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || ce.StatusCode != 500 || ce.Attempts != 3 || !strings.Contains(err.Error(), "(after 3 attempts)") {
		t.Fatalf("got %v", err)
	}
	wantStatus(t, sb, tok.ID, "pending")
}

func TestRetriedRevokeTellsTheTruthAboutAnEarlierAttempt(t *testing.T) {
	sb := clerktest.New()
	c, _ := sandboxClient(t, sb)
	tok, err := c.SignInTokens.Create(context.Background(), alice)
	if err != nil {
		t.Fatal(err)
	}
	// The first revoke takes effect but its answer is lost; the retry finds it revoked.
	sb.Inject(clerktest.Fault{Op: "revoke", Drop: true, AfterProcessing: true})
	_, err = c.SignInTokens.Revoke(context.Background(), tok.ID)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || !ce.HasCode("sign_in_token_cannot_be_revoked_code") || !ce.EarlierAttemptUnknown || ce.Attempts != 2 {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "an earlier attempt's outcome is unknown and may have taken effect") {
		t.Errorf("Error() = %q", err)
	}
	wantStatus(t, sb, tok.ID, "revoked")
}

func TestCancellationEndsTheWaitPromptly(t *testing.T) {
	sb := clerktest.New()
	c, err := sb.Client() // real waits
	if err != nil {
		t.Fatal(err)
	}
	sb.Inject(clerktest.Fault{Status: 429, RetryAfter: 20 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() { _, err := c.SignInTokens.Create(ctx, alice); done <- err }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second): // a hang guard, not a timing assertion
		t.Fatal("the call did not end when its context was cancelled")
	}
	var te *clerkmini.TransportError
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &te) || !errors.Is(err, context.Canceled) || !errors.As(err, &ce) || ce.StatusCode != 429 {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "gave up waiting to retry (context canceled) after: 429 too_many_requests") {
		t.Errorf("Error() = %q", err)
	}
	if sb.Tokens("") != 0 {
		t.Errorf("%d tokens", sb.Tokens(""))
	}
}

func TestCancelledContextSendsNothing(t *testing.T) {
	sb := clerktest.New()
	c, _ := sandboxClient(t, sb)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.SignInTokens.Create(ctx, alice)
	if !errors.Is(err, context.Canceled) || sb.Requests() != 0 {
		t.Fatalf("got %v with %d requests", err, sb.Requests())
	}
}

func TestTimeoutIsPerAttempt(t *testing.T) {
	sb := clerktest.New()
	c, w := sandboxClient(t, sb, clerkmini.WithTimeout(30*time.Millisecond))
	tok, err := c.SignInTokens.Create(context.Background(), alice)
	if err != nil {
		t.Fatal(err)
	}
	// Two slow attempts time out; the third answers in time.
	sb.Inject(clerktest.Fault{Op: "revoke", Latency: 5 * time.Second, Times: 2})
	got, err := c.SignInTokens.Revoke(context.Background(), tok.ID)
	var ce *clerkmini.ClerkErrors
	switch {
	case err == nil && got.Status == "revoked":
		t.Fatalf("a revoke that was delayed past its timeout took effect and was reported as fresh: %+v", got)
	case errors.As(err, &ce) && ce.HasCode("sign_in_token_cannot_be_revoked_code") && ce.EarlierAttemptUnknown && ce.Attempts == 3:
		// The first slow attempt revoked it (the sandbox processes before it delays); the
		// answer says so.
	default:
		t.Fatalf("got %+v, %v", got, err)
	}
	if len(w.d) != 2 {
		t.Errorf("waits %v", w.d)
	}
}

// wantStatus fails t unless the sandbox holds token id in status want.
func wantStatus(t *testing.T, sb *clerktest.Sandbox, id, want string) {
	t.Helper()
	if st, _ := sb.Token(id); st.Status != want {
		t.Errorf("token %s is %s, want %s", id, st.Status, want)
	}
}
