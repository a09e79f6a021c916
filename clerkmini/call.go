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
	unknownOutcome := false // an earlier attempt may have taken effect
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, &TransportError{Op: op, Attempts: attempt - 1, Err: err, MayHaveReachedClerk: unknownOutcome}
		}
		resp, err := c.roundTrip(ctx, req)
		var (
			final error
			retry bool
			wait  time.Duration
		)
		if err != nil {
			reached := !errors.Is(err, ErrRequestNotSent)
			final = &TransportError{Op: op, Attempts: attempt, Err: err, MayHaveReachedClerk: reached || unknownOutcome}
			if ctx.Err() != nil {
				return nil, final
			}
			retry = op == opRevoke || !reached
			unknownOutcome = unknownOutcome || reached
			wait = c.backoff(attempt)
		} else {
			tok, derr := c.decode(resp)
			if derr == nil {
				return tok, nil
			}
			final = derr
			switch {
			case resp.StatusCode == 429:
				retry = true
				wait = retryAfter(resp.Header)
				if wait == 0 {
					wait = c.backoff(attempt)
				}
				retry = wait <= MaxRetryAfter
			case op == opRevoke && (resp.StatusCode == 500 || resp.StatusCode == 502 || resp.StatusCode == 503 || resp.StatusCode == 504):
				retry = true
				wait = c.backoff(attempt)
			}
			markAttempts(final, attempt, unknownOutcome)
			if resp.StatusCode >= 500 {
				unknownOutcome = true
			}
		}
		if !retry || attempt > c.retries {
			return nil, final
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return nil, final // waiting would outlive the caller's deadline
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, &TransportError{Op: op, Attempts: attempt, Err: err, Last: final, MayHaveReachedClerk: unknownOutcome}
		}
	}
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
