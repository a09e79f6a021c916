package clerkmini

import (
	"context"
	"errors"
	"math/rand"
	"strconv"
	"time"
)

// Bounds of the retry schedule.
const (
	backoffInitial = 500 * time.Millisecond // as Clerk's generated SDKs
	backoffFactor  = 1.5
	backoffMax     = 8 * time.Second
	// MaxRetryAfter is the longest Retry-After the client waits out by itself; a longer
	// one is returned to the caller as a *ClerkErrors with RetryAfter set.
	MaxRetryAfter = 30 * time.Second
)

// call sends the request, retrying what is safe to retry, and decodes the answer.
func (c *Client) call(ctx context.Context, op, url string, body []byte) (*SignInToken, error) {
	req := &Request{
		Method: "POST",
		URL:    url,
		Header: Header{
			"Authorization":     c.auth,
			"Clerk-API-Version": APIVersion,
			"Content-Type":      "application/json",
			"Accept":            "application/json",
			"User-Agent":        c.userAgent,
		},
		Body: body,
	}
	unknown := false // an earlier attempt may have taken effect
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, &TransportError{Op: op, Attempts: attempt - 1, Err: err, MayHaveReachedClerk: unknown}
		}
		resp, err := c.roundTrip(ctx, req)
		tok, v := c.judge(op, attempt, resp, err, unknown)
		if v.err == nil {
			return tok, nil
		}
		unknown = unknown || v.mayHaveActed
		if !v.retry || attempt > c.retries || ctx.Err() != nil {
			return nil, v.err
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < v.wait {
			return nil, v.err // waiting would outlive the caller's deadline
		}
		if err := c.sleep(ctx, v.wait); err != nil {
			return nil, &TransportError{Op: op, Attempts: attempt, Err: err, Last: v.err, MayHaveReachedClerk: unknown}
		}
	}
}

// verdict is what one failed attempt means for the call.
type verdict struct {
	err          error
	retry        bool          // whether a retry is safe
	wait         time.Duration // before the retry
	mayHaveActed bool          // Clerk may have carried the request out
}

// judge decodes one attempt's outcome and decides whether it may be retried: a 429 was
// not processed, so both calls may be retried after Retry-After; anything that may have
// reached Clerk (a 5xx, a lost answer, a timeout) is retried for a Revoke only, since a
// second Create would mint a second credential.
func (c *Client) judge(op string, attempt int, resp *Response, err error, unknown bool) (*SignInToken, verdict) {
	if err != nil {
		reached := !errors.Is(err, ErrRequestNotSent)
		return nil, verdict{
			err:          &TransportError{Op: op, Attempts: attempt, Err: err, MayHaveReachedClerk: reached || unknown},
			retry:        op == opRevoke || !reached,
			wait:         c.backoff(attempt),
			mayHaveActed: reached,
		}
	}
	tok, err := c.decode(resp)
	if err == nil {
		return tok, verdict{}
	}
	markAttempts(err, attempt, unknown)
	v := verdict{err: err, mayHaveActed: resp.StatusCode >= 500}
	switch s := resp.StatusCode; {
	case s == 429:
		v.wait = retryAfter(resp.Header)
		if v.wait == 0 {
			v.wait = c.backoff(attempt)
		}
		v.retry = v.wait <= MaxRetryAfter
	case op == opRevoke && (s == 500 || s == 502 || s == 503 || s == 504):
		v.retry, v.wait = true, c.backoff(attempt)
	}
	return nil, v
}

// roundTrip runs one attempt under the per-attempt timeout.
func (c *Client) roundTrip(ctx context.Context, req *Request) (*Response, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resp, err := c.transport.RoundTrip(actx, req)
	if err == nil && resp == nil {
		err = errors.New("transport returned neither a response nor an error")
	}
	if err != nil && actx.Err() != nil && ctx.Err() == nil {
		err = context.DeadlineExceeded // the attempt's own timeout, whatever the transport called it
	}
	return resp, err
}

func markAttempts(err error, attempts int, unknown bool) {
	switch e := err.(type) {
	case *ClerkErrors:
		e.Attempts, e.EarlierAttemptUnknown = attempts, unknown
	case *SDKError:
		e.Attempts = attempts
	}
}

// backoff returns the jittered wait before retry number attempt (1-based): half of the
// exponential step plus a random part of the other half, so that clients that failed
// together do not retry together.
func (c *Client) backoff(attempt int) time.Duration {
	d := float64(backoffInitial)
	for i := 1; i < attempt; i++ {
		d *= backoffFactor
	}
	if d > float64(backoffMax) {
		d = float64(backoffMax)
	}
	half := int64(d) / 2
	return time.Duration(half + c.jitter(half+1))
}

func jitter(n int64) int64 { return rand.Int63n(n) }

// retryAfter reads Retry-After as seconds or as an HTTP date; 0 when absent or unreadable.
func retryAfter(h Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 86400 {
			n = 86400
		}
		return time.Duration(n) * time.Second
	}
	if t, err := time.Parse(time.RFC1123, v); err == nil {
		if d := time.Until(t); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
