package clerktest_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// clock is a sandbox clock the test moves by hand, so expiry takes no real time.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) Advance(d time.Duration) { c.now = c.now.Add(d) }

// clocked is a sandbox on a clock the test moves.
func clocked() (*clock, *clerktest.Sandbox) {
	clk := &clock{now: time.UnixMilli(1796000000000)}
	return clk, clerktest.New(clerktest.WithClock(clk.Now))
}

// mint sends one create to the sandbox's in-memory transport, with no client retries in
// the way, and returns the answer's status and body.
func mint(t *testing.T, sb *clerktest.Sandbox, body string) *clerkmini.Response {
	t.Helper()
	resp, err := sb.RoundTrip(context.Background(), &clerkmini.Request{Method: "POST", URL: "https://api.clerk.test/v1/sign_in_tokens",
		Header: clerkmini.Header{"Authorization": "Bearer " + sb.SecretKey(), "Content-Type": "application/json"}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestPendingTokenExpiresAsClerksDo(t *testing.T) {
	clk, sb := clocked()
	client, _ := sb.Client(clerkmini.WithRetries(0))
	ctx := context.Background()
	tok, err := client.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_alice", ExpiresInSeconds: 60})
	if err != nil {
		t.Fatal(err)
	}
	used, _ := client.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_bob", ExpiresInSeconds: 60})

	clk.Advance(59 * time.Second)
	if st, _ := sb.Token(tok.ID); st.Status != "pending" {
		t.Fatalf("a second before expiry: status %q, want pending", st.Status)
	}
	clk.Advance(time.Second)
	if st, ok := sb.Token(tok.ID); !ok || st.Status != "expired" || st.UpdatedAt != tok.CreatedAt+60_000 {
		t.Errorf("at expiry: %+v (held %v), want status expired, updated at the expiry", st, ok)
	}
	if sb.Accept(used.ID) {
		t.Error("an expired token was accepted")
	}
	if n := sb.Tokens("pending"); n != 0 {
		t.Errorf("%d tokens still pending after their expiry", n)
	}
	_, err = client.SignInTokens.Revoke(ctx, tok.ID)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || ce.StatusCode != 400 || !ce.HasCode("sign_in_token_cannot_be_revoked_code") ||
		!strings.Contains(ce.Errors[0].LongMessage, "status is expired") {
		t.Fatalf("revoke after expiry: %v, want 400 sign_in_token_cannot_be_revoked_code (status is expired)", err)
	}
}

func TestLiveTokensAreCappedWithAClearRefusal(t *testing.T) {
	clk, sb := clocked()
	var first string
	for i := range clerktest.MaxLiveTokens {
		resp := mint(t, sb, `{"user_id":"user_alice","expires_in_seconds":3600}`)
		if resp.StatusCode != 200 {
			t.Fatalf("mint %d of %d: %d %s", i+1, clerktest.MaxLiveTokens, resp.StatusCode, resp.Body)
		}
		if i == 0 {
			first = string(resp.Body)
		}
		clk.Advance(time.Millisecond)
	}
	over := mint(t, sb, `{"user_id":"user_alice","expires_in_seconds":3600}`)
	// The soonest token expires 3600 s after it was minted, MaxLiveTokens ms ago.
	wantWait := strconv.Itoa(3600 - clerktest.MaxLiveTokens/1000)
	if over.StatusCode != 429 || !strings.Contains(string(over.Body), `"too_many_requests"`) ||
		!strings.Contains(string(over.Body), strconv.Itoa(clerktest.MaxLiveTokens)+" pending sign-in tokens") ||
		over.Header.Get("Retry-After") != wantWait {
		t.Fatalf("mint over the cap: %d Retry-After %q %s; want 429 too_many_requests naming the cap, Retry-After %s",
			over.StatusCode, over.Header.Get("Retry-After"), over.Body, wantWait)
	}
	if n := sb.Tokens("pending"); n != clerktest.MaxLiveTokens {
		t.Errorf("%d pending after the refusal, want %d", n, clerktest.MaxLiveTokens)
	}
	// The clerkmini client hands the refusal back at once: the wait is beyond what it waits out.
	client, _ := sb.Client()
	_, err := client.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_alice"})
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || ce.StatusCode != 429 || ce.RetryAfter <= 0 {
		t.Errorf("client over the cap: %v", err)
	}
	// Revoking one frees a slot.
	id := first[strings.Index(first, `"sit_`)+1:]
	id = id[:strings.IndexByte(id, '"')]
	if _, err := client.SignInTokens.Revoke(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if resp := mint(t, sb, `{"user_id":"user_alice"}`); resp.StatusCode != 200 {
		t.Errorf("mint after a revoke freed a slot: %d %s", resp.StatusCode, resp.Body)
	}
}

// TestStoreStaysBoundedOver100000Mints mints as a busy client would for a simulated
// half hour: tokens of a minute, a third of them revoked, a fifth used, the rest left to
// expire. Before the bound, the sandbox held every token forever (100,000 mints grew its
// RSS from 7 to 149 MB). What the store promises, checked at every thousandth mint: the
// finished ring holds at most MaxFinishedTokens (exactly, once that many have finished), and pending
// tokens are only those minted within their lifetime (never more than MaxLiveTokens).
func TestStoreStaysBoundedOver100000Mints(t *testing.T) {
	clk, sb := clocked()
	client, _ := sb.Client(clerkmini.WithRetries(0))
	const (
		mints    = 100_000
		lifetime = time.Minute
		every    = 20 * time.Millisecond // 3,000 tokens a minute: many live at once
	)
	maxPending := min(clerktest.MaxLiveTokens, int(lifetime/every))
	mostPending := 0
	for i := range mints {
		resp := mint(t, sb, `{"user_id":"user_carol","expires_in_seconds":`+strconv.Itoa(int(lifetime/time.Second))+`}`)
		if resp.StatusCode != 200 {
			t.Fatalf("mint %d: %d %s", i, resp.StatusCode, resp.Body)
		}
		body := string(resp.Body)
		id := body[strings.Index(body, `"sit_`)+1:]
		id = id[:strings.IndexByte(id, '"')]
		switch {
		case i%3 == 0:
			if _, err := client.SignInTokens.Revoke(context.Background(), id); err != nil {
				t.Fatalf("revoke %d: %v", i, err)
			}
		case i%5 == 0:
			sb.Accept(id)
		}
		clk.Advance(every)
		if i%1000 == 999 {
			held, pending := sb.Tokens(""), sb.Tokens("pending")
			// A third are revoked: by 3 × MaxFinishedTokens mints the ring is full.
			full := i+1 >= 3*clerktest.MaxFinishedTokens
			if finished := held - pending; pending > maxPending || finished > clerktest.MaxFinishedTokens ||
				full && finished != clerktest.MaxFinishedTokens {
				t.Fatalf("after %d mints: %d pending, %d finished; want at most %d pending (a lifetime's mints), at most %d finished (exactly, once full)",
					i+1, pending, finished, maxPending, clerktest.MaxFinishedTokens)
			}
			mostPending = max(mostPending, pending)
		}
	}
	// A third of a lifetime's mints are revoked and 2 in 15 used: the rest stay pending.
	if mostPending < maxPending/2 {
		t.Errorf("at most %d pending at once; the simulation keeps about %d live", mostPending, maxPending*8/15)
	}
	clk.Advance(lifetime)
	if n, p := sb.Tokens(""), sb.Tokens("pending"); n != clerktest.MaxFinishedTokens || p != 0 {
		t.Errorf("a lifetime after the last mint: %d held, %d pending; want %d, none pending", n, p, clerktest.MaxFinishedTokens)
	}
}

func TestForgottenTokensAnswerNotFound(t *testing.T) {
	sb := clerktest.New()
	client, _ := sb.Client(clerkmini.WithRetries(0))
	ctx := context.Background()
	var ids []string
	for range clerktest.MaxFinishedTokens + 1 {
		tok, err := client.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_alice"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.SignInTokens.Revoke(ctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tok.ID)
	}
	var ce *clerkmini.ClerkErrors
	if _, err := client.SignInTokens.Revoke(ctx, ids[0]); !errors.As(err, &ce) || ce.StatusCode != 404 {
		t.Errorf("revoke of the oldest finished token, forgotten: %v, want 404", err)
	}
	if _, err := client.SignInTokens.Revoke(ctx, ids[len(ids)-1]); !errors.As(err, &ce) || ce.StatusCode != 400 {
		t.Errorf("revoke of the newest revoked token: %v, want 400 (status is revoked)", err)
	}
}
