package main

import (
	"testing"
	"time"
)

// blockedWriter is an output nobody reads: every Write waits until the test ends.
type blockedWriter chan struct{}

func (w blockedWriter) Write(p []byte) (int, error) { <-w; return len(p), nil }

// TestExitWaitsOneDeadline: with stderr and the audit file both blocked, the exit waits for
// one flushTimeout, not one per sink. The clock is the test's: it counts the timeouts the
// exit starts, and the exit ends when the one it started fires.
func TestExitWaitsOneDeadline(t *testing.T) {
	blocked := make(blockedWriter)
	defer close(blocked)
	stderr, auditFile := newLogSink(blocked), newLogSink(blocked)
	stderr.Write([]byte("a log line\n"))
	auditFile.Write([]byte("an audit line\n"))

	fire := make(chan time.Time, 1)
	timeouts := make(chan time.Duration, 8)
	exitAfter = func(d time.Duration) <-chan time.Time { timeouts <- d; return fire }
	t.Cleanup(func() { exitAfter = time.After })
	exit := newExitDeadline()
	exited := make(chan struct{})
	go func() {
		auditFile.close(exit) // in run's order: the audit file first, then stderr
		stderr.close(exit)
		close(exited)
	}()
	if d := <-timeouts; d != flushTimeout {
		t.Fatalf("the exit waits %v, want flushTimeout (%v)", d, flushTimeout)
	}
	fire <- time.Time{}
	select {
	case <-exited:
	case d := <-timeouts:
		t.Fatalf("the exit started a second timeout (%v) after the first passed", d)
	case <-time.After(time.Minute): // a hang guard, not a timing assertion
		t.Fatal("the exit did not end at its deadline")
	}
	if len(timeouts) != 0 {
		t.Fatalf("%d more timeouts started", len(timeouts))
	}
}
