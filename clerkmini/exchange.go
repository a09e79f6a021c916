package clerkmini

import (
	"context"
	"errors"
	"time"
)

// Action is what an Exchange asks its driver to do next.
type Action uint8

// The actions, numbered as the WebAssembly module's exports return them (cmd/wasm).
const (
	// ActionSend: send Step.Request within Step.Timeout, then report the answer with
	// Exchange.Response or its absence with Exchange.Failed.
	ActionSend Action = 1 + iota
	// ActionWait: wait Step.Wait, then call Exchange.Next. A driver that will not wait
	// (its deadline would pass first) ends the call with Step.Err.
	ActionWait
	// ActionDone: the call succeeded with Step.Token. Final.
	ActionDone
	// ActionFail: the call failed with Step.Err. Final.
	ActionFail
)

// Step is an Exchange's current decision.
type Step struct {
	Action  Action
	Request *Request      // ActionSend: the request; the driver must not change it
	Timeout time.Duration // ActionSend: how long the attempt may take
	Wait    time.Duration // ActionWait: how long to wait before the next attempt
	Token   *SignInToken  // ActionDone
	Err     error         // ActionFail; ActionWait: the failed attempt's error
}

// Exchange is one Create or Revoke as a state machine that does no I/O: it builds the
// request, decodes each answer and decides on retries, and its driver sends, waits and
// keeps the time. Client drives one with its Transport; the WebAssembly module lets a
// host drive one with its own fetch and timers. Get one from
// SignInTokenService.NewCreate or NewRevoke. It is not safe for concurrent use.
type Exchange struct {
	c       *Client
	op      string
	req     Request
	attempt int  // the attempt in flight or next to send, 1-based
	unknown bool // an earlier attempt may have taken effect
	step    Step
}

func (c *Client) newExchange(op, url string, body []byte) *Exchange {
	x := &Exchange{c: c, op: op, attempt: 1}
	x.req = Request{Method: "POST", URL: url, Header: c.header, Body: body}
	x.step = x.send()
	return x
}

func (x *Exchange) send() Step {
	return Step{Action: ActionSend, Request: &x.req, Timeout: x.c.timeout}
}

// Next returns the current step, having ended a wait: after ActionWait it is the next
// attempt's ActionSend.
func (x *Exchange) Next() Step {
	if x.step.Action == ActionWait {
		x.attempt++
		x.step = x.send()
	}
	return x.step
}

// Response reports the answer to the request of the current ActionSend; now is the
// driver's clock, which an HTTP-date Retry-After is read against. Outside ActionSend it
// changes nothing and returns the current step.
func (x *Exchange) Response(resp *Response, now time.Time) Step {
	if x.step.Action != ActionSend {
		return x.step
	}
	if resp == nil {
		return x.Failed(errors.New("transport returned neither a response nor an error"))
	}
	tok, err := x.c.decode(resp)
	if err == nil {
		x.step = Step{Action: ActionDone, Token: tok}
		return x.step
	}
	markAttempts(err, x.attempt, x.unknown)
	wait := retryAfter(resp.Header, now)
	if ce, ok := err.(*ClerkErrors); ok {
		ce.RetryAfter = wait
	}
	// A 429 was not processed, so both calls may be retried after Retry-After; a 5xx may
	// have been, so only a Revoke is retried, since a second Create would mint a second
	// credential.
	retry := false
	switch s := resp.StatusCode; {
	case s == 429:
		if wait == 0 {
			wait = x.backoff()
		}
		retry = wait <= MaxRetryAfter
	case x.op == opRevoke && (s == 500 || s == 502 || s == 503 || s == 504):
		retry, wait = true, x.backoff()
	}
	return x.decide(err, retry, wait, resp.StatusCode >= 500)
}

// Failed reports that the current ActionSend got no answer. err marked with [NotSent]
// means the request certainly never left, which lets even a Create be retried; an err
// that is context.DeadlineExceeded reads as the attempt's timeout; one that is
// context.Canceled (the caller gave up) is never retried. Outside ActionSend it changes
// nothing and returns the current step.
func (x *Exchange) Failed(err error) Step {
	if x.step.Action != ActionSend {
		return x.step
	}
	err = x.c.scrub.error(err) // a transport's error may quote what the server sent
	reached := !errors.Is(err, ErrRequestNotSent)
	terr := &TransportError{Op: x.op, Attempts: x.attempt, Err: err, MayHaveReachedClerk: reached || x.unknown}
	retry := (x.op == opRevoke || !reached) && !errors.Is(err, context.Canceled)
	return x.decide(terr, retry, x.backoff(), reached)
}

// decide ends the call with err, or asks for a wait before the next attempt.
func (x *Exchange) decide(err error, retry bool, wait time.Duration, mayHaveActed bool) Step {
	x.unknown = x.unknown || mayHaveActed
	if !retry || x.attempt > x.c.retries {
		x.step = Step{Action: ActionFail, Err: err}
	} else {
		x.step = Step{Action: ActionWait, Wait: wait, Err: err}
	}
	return x.step
}

// Abort ends the call because its caller gave up with err (a cancelled context, an
// aborted signal): before an attempt is sent, or during a wait (the failed attempt is
// then kept in the TransportError's Last). A request in flight is reported with Failed
// instead. A finished call stays as it is.
func (x *Exchange) Abort(err error) Step {
	err = x.c.scrub.error(err) // a host's abort reason is its own text, and may quote anything
	switch x.step.Action {
	case ActionSend:
		x.step = Step{Action: ActionFail, Err: &TransportError{Op: x.op, Attempts: x.attempt - 1, Err: err, MayHaveReachedClerk: x.unknown}}
	case ActionWait:
		x.step = Step{Action: ActionFail, Err: &TransportError{Op: x.op, Attempts: x.attempt, Err: err, Last: x.step.Err, MayHaveReachedClerk: x.unknown}}
	}
	return x.step
}

// backoff returns the jittered wait before the retry of the current attempt: half of the
// exponential step plus a random part of the other half, so that clients that failed
// together do not retry together.
func (x *Exchange) backoff() time.Duration {
	d := float64(backoffInitial)
	for i := 1; i < x.attempt; i++ {
		d *= backoffFactor
	}
	if d > float64(backoffMax) {
		d = float64(backoffMax)
	}
	half := int64(d) / 2
	return time.Duration(half + x.c.jitter(half+1))
}
