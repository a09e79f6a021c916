package clerkmini

import (
	"context"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/clerkmini/clerkmini/internal/wait"
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

// call drives x with the client's Transport: it sends, waits between attempts, and ends
// the call when ctx ends or a wait would outlive ctx's deadline.
func (c *Client) call(ctx context.Context, x *Exchange) (*SignInToken, error) {
	for step := x.Next(); ; {
		switch step.Action {
		case ActionDone:
			return step.Token, nil
		case ActionFail:
			return nil, step.Err
		case ActionSend:
			if err := ctx.Err(); err != nil {
				step = x.Abort(err)
				continue
			}
			if resp, err := c.roundTrip(ctx, step.Request); err != nil {
				step = x.Failed(err)
			} else {
				step = x.Response(resp, time.Now())
			}
		case ActionWait:
			if ctx.Err() != nil {
				return nil, step.Err
			}
			if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < step.Wait {
				return nil, step.Err // waiting would outlive the caller's deadline
			}
			sleep := c.sleep
			if sleep == nil {
				sleep = wait.For
			}
			if err := sleep(ctx, step.Wait); err != nil {
				step = x.Abort(err)
				continue
			}
			step = x.Next()
		}
	}
}

// roundTrip runs one attempt under the per-attempt timeout. The Transport gets a copy of
// the header, which every request of the client shares: whatever a Transport does to its
// request stays in that request.
func (c *Client) roundTrip(ctx context.Context, req *Request) (*Response, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	r := *req
	r.Header = make(Header, len(req.Header))
	for k, v := range req.Header {
		r.Header[k] = v
	}
	resp, err := c.transport.RoundTrip(actx, &r) // (nil, nil) is Exchange.Response's to report
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

func jitter(n int64) int64 { return rand.Int64N(n) }

// retryAfter reads Retry-After as seconds or as an HTTP date (against now); 0 when absent
// or unreadable.
func retryAfter(h Header, now time.Time) time.Duration {
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
	if t, ok := parseHTTPDate(v); ok {
		if d := time.Unix(t, 0).Sub(now); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}
