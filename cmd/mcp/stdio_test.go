package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/clerkmini/clerkmini/internal/cut"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// pipeSession is serveStdio in this process, on pipes, spoken to in raw lines.
type pipeSession struct {
	t     *testing.T
	sb    *clerktest.Sandbox
	in    *io.PipeWriter
	lines chan string
	done  chan error
}

// newPipeSession starts an initialized session on an in-memory sandbox whose calls wait
// for their context (not a timeout) when a fault adds latency.
func newPipeSession(t *testing.T) *pipeSession {
	t.Helper()
	sb := clerktest.New()
	cc, err := clerkmini.New(sb.SecretKey(), clerkmini.WithTransport(sb), clerkmini.WithRetries(0), clerkmini.WithTimeout(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s := servePipes(t, newServer(newTools(t, cc, io.Discard)), slog.New(slog.DiscardHandler))
	s.sb = sb
	return s
}

// servePipes runs serveStdio on srv over pipes and performs the handshake.
func servePipes(t *testing.T, srv *server.MCPServer, log *slog.Logger) *pipeSession {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	s := &pipeSession{t: t, in: inW, lines: make(chan string, 1<<14), done: make(chan error, 1)}
	go func() {
		s.done <- serveStdio(context.Background(), srv, inR, outW, newScrubber(echoKey), log)
		outW.Close()
	}()
	go func() {
		defer close(s.lines)
		r := bufio.NewReaderSize(outR, 1<<16)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				return
			}
			s.lines <- l
		}
	}()
	t.Cleanup(func() {
		inW.Close()
		for range s.lines {
		}
		if err := <-s.done; err != nil {
			t.Errorf("serveStdio: %v", err)
		}
	})
	s.send(initializeLine)
	s.read()
	s.send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	return s
}

func (s *pipeSession) send(line string) {
	if _, err := io.WriteString(s.in, line+"\n"); err != nil {
		s.t.Errorf("writing to the session: %v", err)
	}
}

// read returns the next line the session wrote, raw and decoded.
func (s *pipeSession) read() (string, rpc) {
	s.t.Helper()
	select {
	case l, ok := <-s.lines:
		if !ok {
			s.t.Fatal("the session ended")
		}
		var m rpc
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.JSONRPC != "2.0" {
			s.t.Fatalf("stdout line is not JSON-RPC: %q", cut.Preview(l, 200))
		}
		return l, m
	case <-time.After(time.Minute): // a hang guard, not a timing check
		s.t.Fatal("no answer within a minute")
		return "", rpc{}
	}
}

func createLine(id string, meta string) string {
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":{"user_id":"user_alice"}` + meta + `}}`
}

func cancelLine(id string) string {
	return `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":` + id + `}}`
}

// TestIDsRoundTripExactly: every answer carries its request's id as the client wrote it,
// digits and escapes included.
func TestIDsRoundTripExactly(t *testing.T) {
	s := newPipeSession(t)
	for _, id := range []string{`123456789012345678901234567890`, `-7`, `1.50`, `"abc"`, `"\u00e9t\u00e9"`, `"123456789012345678901234567890"`} {
		for _, req := range []string{
			`{"jsonrpc":"2.0","id":` + id + `,"method":"ping"}`,
			createLine(id, ""),
			`{"jsonrpc":"2.0","id":` + id + `,"method":"no/such/method"}`,
		} {
			s.send(req)
			raw, _ := s.read()
			if !strings.Contains(raw, `"id":`+id+`,`) {
				t.Errorf("request with id %s answered %s", id, cut.Preview(raw, 200))
			}
		}
	}
}

// TestMethodWithResultIsInvalid: JSON-RPC has no message with both a method and a result
// (or error); such a message gets -32600 with its id instead of no answer at all.
func TestMethodWithResultIsInvalid(t *testing.T) {
	s := newPipeSession(t)
	for i, extra := range []string{`"result":{}`, `"error":{"code":1,"message":"x"}`, `"result":null`} {
		id := strconv.Itoa(i + 1)
		s.send(`{"jsonrpc":"2.0","id":` + id + `,"method":"tools/list",` + extra + `}`)
		_, m := s.read()
		if string(m.ID) != id || m.Error == nil || m.Error.Code != -32600 {
			t.Errorf("method with %s: %+v", extra, m)
		}
	}
	s.send(`{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`)
	if _, m := s.read(); m.Error == nil || m.Error.Code != -32600 {
		t.Errorf("an object id: %+v", m)
	}
}

// TestMalformedLinesAnswered: a line that is not JSON gets -32700, JSON that is not a
// message object -32600, both with a null id, and the session goes on.
func TestMalformedLinesAnswered(t *testing.T) {
	s := newPipeSession(t)
	for line, code := range map[string]int{
		`{"jsonrpc":"2.0","id":1`: -32700, `{} {}`: -32700, "\xff": -32700, `{"id":1,"method":"ping"}x`: -32700,
		`[]`: -32600, `null`: -32600, `"ping"`: -32600, `{"jsonrpc":"2.0","id":1,"method":7}`: -32600,
	} {
		s.send(line)
		if _, m := s.read(); m.Error == nil || m.Error.Code != code || string(m.ID) != "null" {
			t.Errorf("%q: %+v, want error %d with a null id", line, m, code)
		}
	}
	s.send(`{"jsonrpc":"2.0","id":9,"method":"ping"}`)
	if _, m := s.read(); string(m.ID) != "9" || m.Error != nil {
		t.Errorf("ping after malformed lines: %+v", m)
	}
}

// TestCancellationOvertakesQueuedWork blocks more calls than there are workers, then
// cancels them all: every one is answered as cancelled, none waits for Clerk.
func TestCancellationOvertakesQueuedWork(t *testing.T) {
	const n = maxInFlight + 76
	s := newPipeSession(t)
	s.sb.Inject(clerktest.Fault{Op: "create", Latency: time.Hour, Times: -1})
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for i := range n {
			s.send(createLine(strconv.Itoa(i), ""))
		}
	}()
	<-sent // before the fix, the 1,025th call blocked the reader here
	waitFor(t, "every worker to wait for Clerk", func() bool { return s.sb.Requests() >= maxInFlight })
	go func() { // the queued calls first: they must never reach Clerk
		for i := n - 1; i >= 0; i-- {
			s.send(cancelLine(strconv.Itoa(i)))
		}
	}()
	for range n {
		_, m := s.read()
		if m.Result == nil || !m.Result.IsError || !strings.Contains(m.text(), "canceled") {
			t.Fatalf("call %s: %+v %q; want a cancelled call", m.ID, m.Error, m.text())
		}
	}
	if got := s.sb.Requests(); got > maxInFlight {
		t.Errorf("%d calls reached Clerk; the %d queued behind busy workers should have been cancelled before", got, n-maxInFlight)
	}
}

// TestBytesInFlightBounded holds large requests until their bytes reach maxHeldBytes: the
// next ones are refused at once with a JSON-RPC error, the held ones still answered.
func TestBytesInFlightBounded(t *testing.T) {
	s := newPipeSession(t)
	s.sb.Inject(clerktest.Fault{Op: "create", Latency: time.Hour, Times: -1})
	pad := strings.Repeat(" ", maxLineBytes-200) // whitespace inside the object: cheap to decode, counted all the same
	size := len(createLine("1000", pad))
	if size > maxLineBytes {
		t.Fatalf("a line of %d bytes is above maxLineBytes", size)
	}
	fit := maxHeldBytes / size
	total := fit + 3
	go func() {
		for i := range total {
			s.send(createLine(strconv.Itoa(1000+i), pad))
		}
	}()
	refused := 0
	for range total - fit {
		_, m := s.read()
		if m.Error == nil || m.Error.Code != errServerBusy || !strings.Contains(m.Error.Message, "Server busy") {
			t.Fatalf("over the budget: %+v %q; want a busy error", m.Error, m.text())
		}
		refused++
	}
	waitFor(t, "the held calls to reach Clerk", func() bool { return s.sb.Requests() >= fit })
	for i := range total {
		s.send(cancelLine(strconv.Itoa(1000 + i)))
	}
	for range fit {
		if _, m := s.read(); m.Result == nil || !strings.Contains(m.text(), "canceled") {
			t.Fatalf("held call: %+v %q", m.Error, m.text())
		}
	}
	// The budget is free again.
	s.send(`{"jsonrpc":"2.0","id":"after","method":"ping"}`)
	if _, m := s.read(); string(m.ID) != `"after"` || m.Result == nil {
		t.Fatalf("ping after the bound: %+v", m)
	}
}

// TestRequestsHeldBounded holds maxHeld calls: the next is refused at once, and the held
// ones are still answered.
func TestRequestsHeldBounded(t *testing.T) {
	s := newPipeSession(t)
	s.sb.Inject(clerktest.Fault{Op: "create", Latency: time.Hour, Times: -1})
	go func() {
		for i := range maxHeld + 1 {
			s.send(createLine(strconv.Itoa(i), ""))
		}
	}()
	_, m := s.read()
	if string(m.ID) != strconv.Itoa(maxHeld) || m.Error == nil || m.Error.Code != errServerBusy {
		t.Fatalf("request %d: %+v; want a busy error", maxHeld, m)
	}
	for i := range maxHeld {
		s.send(cancelLine(strconv.Itoa(i)))
	}
	for range maxHeld {
		if _, m := s.read(); m.Result == nil || !strings.Contains(m.text(), "canceled") {
			t.Fatalf("held call %s: %+v %q", m.ID, m.Error, m.text())
		}
	}
}

// TestPanicIsAnInternalError: a panic while a message is handled (here in a tool, the
// server's only recovery being the stdio loop's) is answered with -32603 and a log line
// that never quotes its value, and the session goes on.
func TestPanicIsAnInternalError(t *testing.T) {
	const value = "sk_test_PANIC_VALUE_user_alice"
	var log syncBuffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	srv := newServer(newSandboxTools(t))
	srv.AddTool(mcp.NewTool("panics"), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) { panic(value) })
	s := servePipes(t, srv, logger)
	s.send(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"panics","arguments":{}}}`)
	raw, m := s.read()
	if string(m.ID) != "1" || m.Error == nil || m.Error.Code != mcp.INTERNAL_ERROR || m.Error.Message != "Internal error" || strings.Contains(raw, "PANIC_VALUE") {
		t.Fatalf("the panicking call was answered %s; want -32603 Internal error without the panic's value", raw)
	}
	s.send(createLine("2", ""))
	if _, m := s.read(); string(m.ID) != "2" || m.Result == nil || m.Result.IsError {
		t.Fatalf("the call after the panic: %+v %q", m.Error, m.text())
	}
	if l := log.String(); !strings.Contains(l, "panic while handling a message") || strings.Contains(l, "PANIC_VALUE") {
		t.Fatalf("log %q: want the panic logged without its value", l)
	}
}
