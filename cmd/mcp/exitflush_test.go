package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The exit's promise is that nothing is lost: every line queued for stderr or the audit
// file is written before run returns (unless the exit's deadline passes). These tests
// hold a sink's writer so that the whole session's lines are still queued when the input
// ends, and release it only once run's exit waits for that very sink, which the test's
// exit clock reports. An exit that does not close the sink, or does not wait for its
// queue, returns with the lines still held, every time.

// heldWriter passes a Write on to w once release is closed, and until then waits; lines
// that pass says are not the sink's go through at once.
type heldWriter struct {
	w       io.Writer
	release chan struct{}
	pass    func(line []byte) bool // nil: every line is held
}

func (h *heldWriter) Write(p []byte) (int, error) {
	if h.pass == nil || !h.pass(p) {
		<-h.release
	}
	return h.w.Write(p)
}

// hold returns a heldWriter on w and its release, which the test's end calls too.
func hold(t *testing.T, w io.Writer, pass func([]byte) bool) (*heldWriter, func()) {
	h := &heldWriter{w: w, release: make(chan struct{}), pass: pass}
	release := sync.OnceFunc(func() { close(h.release) })
	t.Cleanup(release) // a failed test must not leave run or a sink's goroutine blocked
	return h, release
}

// onExitWait makes the exit's clock the test's: waiting runs when run's exit starts to
// wait for its sinks (the first sink's close), and the deadline never passes while the
// test looks.
func onExitWait(t *testing.T, waiting func()) {
	fire := make(chan time.Time)
	exitAfter = func(time.Duration) <-chan time.Time { waiting(); return fire }
	t.Cleanup(func() { exitAfter = time.After; close(fire) })
}

// sinkClosed tells whether s's close has begun.
func sinkClosed(s *logSink) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// flushCalls is how many tool calls runToEnd makes: half creates that succeed, half
// revokes of a token that does not exist.
const flushCalls = 8

// runToEnd runs run on its embedded sandbox with args, stdin the handshake and
// flushCalls calls, and returns the exit code and what seen returns at the moment run
// returns (before the test releases anything).
func runToEnd(t *testing.T, args []string, stderr io.Writer, seen func() string) (int, string) {
	t.Helper()
	in := []string{initializeLine, `{"jsonrpc":"2.0","method":"notifications/initialized"}`}
	for i := range flushCalls / 2 {
		in = append(in, createLine(strconv.Itoa(2*i+1), ""),
			`{"jsonrpc":"2.0","id":`+strconv.Itoa(2*i+2)+`,"method":"tools/call","params":{"name":"revoke_sign_in_token","arguments":{"sign_in_token_id":"sit_nope"}}}`)
	}
	type end struct {
		code int
		seen string
	}
	ended := make(chan end, 1)
	go func() {
		code := run(context.Background(), append([]string{"--sandbox"}, args...), func(string) string { return "" },
			strings.NewReader(strings.Join(in, "\n")+"\n"), &syncBuffer{}, stderr)
		ended <- end{code, seen()}
	}()
	select {
	case e := <-ended:
		return e.code, e.seen
	case <-time.After(time.Minute): // a hang guard, not a timing assertion
		t.Fatal("run did not return within a minute")
		return 0, ""
	}
}

// checkRecords fails unless trail holds one audit record per call of runToEnd.
func checkRecords(t *testing.T, where, trail string) {
	t.Helper()
	creates, revokes := 0, 0
	for _, r := range auditOf(t, trail) {
		switch {
		case r.Tool == toolCreate && r.Outcome == "ok":
			creates++
		case r.Tool == toolRevoke && r.Outcome != "" && r.Outcome != "ok":
			revokes++
		}
	}
	if creates != flushCalls/2 || revokes != flushCalls/2 {
		t.Fatalf("when run returned, %s held %d create and %d revoke records, want %d of each:\n%s",
			where, creates, revokes, flushCalls/2, trail)
	}
}

// TestAuditFileCompleteWhenRunReturns: the audit file holds every call's record when
// run returns, though all of them were still queued when the input ended.
func TestAuditFileCompleteWhenRunReturns(t *testing.T) {
	var sink *logSink
	var release func()
	newAuditSink = func(w io.Writer) *logSink {
		var held *heldWriter
		held, release = hold(t, w, nil)
		sink = newLogSink(held)
		return sink
	}
	t.Cleanup(func() { newAuditSink = newLogSink })
	// Released only if the exit that waits is the audit sink's: run must close it.
	onExitWait(t, func() {
		if sinkClosed(sink) {
			release()
		}
	})
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	code, trail := runToEnd(t, []string{"--audit-log", path}, &syncBuffer{}, func() string {
		b, _ := os.ReadFile(path)
		return string(b)
	})
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	checkRecords(t, "the audit file", trail)
}

// TestStderrCompleteWhenRunReturns: with the audit trail on stderr (the default), stderr
// holds every log line and audit record when run returns, though all of them were still
// queued when the input ended.
func TestStderrCompleteWhenRunReturns(t *testing.T) {
	var stderr syncBuffer
	// The banner setup writes itself passes; the log sink's lines are held.
	held, release := hold(t, &stderr, func(line []byte) bool { return strings.HasPrefix(string(line), "clerkmini-mcp: ") })
	onExitWait(t, release) // no audit file: the only sink that waits is stderr's
	code, out := runToEnd(t, []string{"--log-level", "debug"}, held, stderr.String)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	checkRecords(t, "stderr", out)
	if n := strings.Count(out, `msg="tool call"`); !strings.Contains(out, `msg="serving MCP on stdio"`) || n != flushCalls {
		t.Fatalf("when run returned, stderr held %d of %d tool call log lines, or lacked the first:\n%s", n, flushCalls, out)
	}
}
