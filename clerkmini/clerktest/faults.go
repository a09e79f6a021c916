package clerktest

import (
	"strconv"
	"strings"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// Fault replaces the sandbox's answer to the next matching requests, to test what a
// client does when Clerk, or what stands in front of it, misbehaves.
type Fault struct {
	// Op limits the fault to "create" or "revoke" requests; "" matches every request.
	Op string
	// Status is the status to answer with. With no Body, the body is Clerk's error JSON
	// for that status (too_many_requests for 429, internal_clerk_error for 5xx). A fault
	// with neither Status, Body, Drop nor Unreachable only adds Latency to the real answer.
	Status int
	// RetryAfter, when positive, is sent as the Retry-After header, in whole seconds.
	RetryAfter time.Duration
	// Body and ContentType replace the answer's body, e.g. an HTML page from a proxy.
	Body        string
	ContentType string
	// Latency delays the answer; a client that gives up first sees a timeout.
	Latency time.Duration
	// AfterProcessing lets the request take effect (a token is minted or revoked) before
	// the fault answers: the answer is lost although the work was done.
	AfterProcessing bool
	// Drop answers with no response at all: the connection is closed (over HTTP), or the
	// transport returns an error that says the request may have arrived (in memory).
	Drop bool
	// Unreachable makes the in-memory transport fail as a refused connection would: the
	// request is not processed and the error is marked clerkmini.ErrRequestNotSent.
	// Over HTTP it acts as Drop.
	Unreachable bool
	// Times is how many matching requests the fault applies to: 0 means once, a negative
	// number means every request until ClearFaults.
	Times int
}

// Inject queues a fault. Faults apply in the order they were injected.
func (s *Sandbox) Inject(f Fault) {
	if f.Times == 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every queued fault.
func (s *Sandbox) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the first fault that matches op and uses one of its times; s.mu is held.
func (s *Sandbox) takeFault(op string) *Fault {
	for i, f := range s.faults {
		if f.Op != "" && f.Op != op {
			continue
		}
		taken := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &taken
	}
	return nil
}

// replaces reports whether the fault answers in place of the sandbox (rather than only
// delaying its answer).
func (f *Fault) replaces() bool { return f.Status != 0 || f.Body != "" || f.Drop || f.Unreachable }

// answer renders the fault's reply.
func (f *Fault) answer() answer {
	if f.Drop || f.Unreachable {
		return answer{drop: true}
	}
	status := f.Status
	if status == 0 {
		status = 500 // a Body with no Status
	}
	var a answer
	switch {
	case f.Body != "":
		ct := f.ContentType
		if ct == "" {
			ct = "text/plain; charset=utf-8"
		}
		a = answer{status: status, header: clerkmini.Header{"Content-Type": ct}, body: []byte(f.Body)}
	case status == 429:
		a = clerkError(429, "too_many_requests", "Too many requests", "Too many requests, retry later", "")
	case status >= 500:
		a = clerkError(status, "internal_clerk_error", "Oops, an unexpected error occurred", "There was an internal error on our servers. We've been notified and are working on fixing it.", "")
	default:
		a = clerkError(status, "request_failed", strings.ToLower(statusWord(status)), "The request failed (sandbox fault).", "")
	}
	if f.RetryAfter > 0 {
		a.header["Retry-After"] = strconv.FormatInt(int64((f.RetryAfter+time.Second-1)/time.Second), 10)
	}
	return a
}

func statusWord(status int) string { return "status " + strconv.Itoa(status) }
