package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// serveStdio runs one MCP session on in and out until in ends or ctx is done, then
// answers every request it has already read before returning. Every line it writes passes
// scrub first.
//
// It replaces mcp-go's StdioServer, which on end of input cancels the requests in flight
// and can drop tool calls still queued, while a client may pipe its requests and close
// stdin at once; and which keeps its session in a package global. Requests run
// concurrently; their contexts are cancelled only by notifications/cancelled, never by
// the end of input or a signal.
func serveStdio(ctx context.Context, srv *server.MCPServer, in io.Reader, out io.Writer, scrub *clerkmini.Redactor, log *slog.Logger) error {
	sess := &stdioSession{notifications: make(chan mcp.JSONRPCNotification, 16), peer: newPeer(log)}
	base := context.Background()
	if err := srv.RegisterSession(base, sess); err != nil {
		return err
	}
	defer srv.UnregisterSession(base, sess.SessionID())
	s := &stdioConn{srv: srv, base: srv.WithContext(base, sess), out: out, scrub: scrub, log: log,
		inflight: map[string]context.CancelFunc{}, handoff: make(chan *request), queue: make(chan *request, maxHeld),
		replies: sess.peer.outbound}
	s.replies.write = s.write // before the first line is read: requests to the client start from there

	stop, notified := make(chan struct{}), make(chan struct{})
	go func() { // forwards what mcp-go sends unprompted (none of our tools does)
		defer close(notified)
		for {
			select {
			case n := <-sess.notifications:
				s.write(n)
			case <-stop:
				return
			}
		}
	}()
	lines := make(chan line)
	var readErr error
	go func() {
		readErr = readLines(in, lines)
		close(lines) // after the assignment, so that readErr is set when lines is seen closed
	}()

	for done := false; !done; {
		select {
		case l, ok := <-lines:
			if !ok {
				done = true
				break
			}
			s.handle(l)
		case <-ctx.Done():
			log.Info("signal: answering the requests already read, then exiting")
			done = true
		}
	}
	s.replies.end() // calls waiting for the client's answer end now: it cannot come
	close(s.queue)  // workers finish what they hold and what waits, then stop
	s.wg.Wait()
	close(stop) // not the notification channel: mcp-go owns the sending side
	<-notified
	if ctx.Err() != nil {
		return nil // the reader may still be blocked in stdin: its error is not ours
	}
	return readErr
}

// line is one line of input, or the news that a line was too long.
type line struct {
	data    []byte
	tooLong bool
}

// readLines sends in's lines on lines until the end of input.
func readLines(in io.Reader, lines chan<- line) error {
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		var buf []byte
		tooLong := false
		for {
			chunk, err := r.ReadSlice('\n')
			if !tooLong {
				buf = append(buf, chunk...)
				if len(buf) > maxLineBytes {
					buf, tooLong = nil, true
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if len(buf) > 0 || tooLong {
				lines <- line{data: buf, tooLong: tooLong}
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			break
		}
	}
}

// stdioConn is the state of one session's connection.
type stdioConn struct {
	srv   *server.MCPServer
	base  context.Context
	out   io.Writer
	scrub *clerkmini.Redactor
	log   *slog.Logger

	wg      sync.WaitGroup
	handoff chan *request // to an idle worker; unbuffered
	queue   chan *request // requests waiting for a worker, when maxInFlight are busy
	workers int           // started so far; only the reading goroutine counts them
	mu      sync.Mutex
	// inflight holds the requests read and not yet answered, by canonical JSON-RPC id (canonicalID), for
	// notifications/cancelled; held and heldBytes count them and their lines' bytes.
	inflight  map[string]context.CancelFunc
	held      int
	heldBytes int
	writeMu   sync.Mutex
	replies   *outbound // this server's own requests to the client, waiting for responses
}

// handle dispatches one line: requests run on a worker, notifications and responses in
// order, here. It never blocks on busy workers, so that a cancellation read after
// thousands of requests still reaches them.
func (s *stdioConn) handle(l line) {
	msg := bytes.TrimSpace(l.data)
	if len(msg) == 0 && !l.tooLong {
		return
	}
	// One Unmarshal both checks the line (a syntax error is a parse error) and reads the
	// head; a separate json.Valid would scan every line once more.
	var head messageHead
	var err error
	if !l.tooLong {
		err = json.Unmarshal(msg, &head)
	}
	var syntax *json.SyntaxError
	if l.tooLong || errors.As(err, &syntax) {
		s.write(mcp.NewJSONRPCError(mcp.NewRequestId(nil), mcp.PARSE_ERROR, "Parse error: each line must hold one JSON-RPC message of at most "+sizeText(maxLineBytes), nil))
		return
	}
	if msg[0] != '{' || err != nil {
		s.write(mcp.NewJSONRPCError(mcp.NewRequestId(nil), mcp.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is a JSON object with a string method", nil))
		return
	}
	if invalid := head.invalid(); invalid != nil {
		s.write(invalid)
		return
	}
	if head.Method == "" && head.hasID() && (head.Result != nil || head.Error != nil) {
		s.replies.deliver(head.ID, head.Result, head.Error) // a response to one of our requests
		return
	}
	if !head.isRequest() {
		if head.Method == string(mcp.MethodNotificationCancelled) {
			var p struct {
				RequestID json.RawMessage `json:"requestId"`
			}
			_ = json.Unmarshal(head.Params, &p) // a malformed notification cancels nothing
			s.cancel(p.RequestID)
			return
		}
		s.write(s.dispatch(s.base, head.ID, msg))
		return
	}
	if head.Method == string(mcp.MethodInitialize) {
		// Answered here, before the next line is read: mcp-go records the client's
		// capabilities while it handles initialize, and a call the client pipelined after
		// it must see them, or a person who can be asked would not be (--confirm auto).
		s.write(s.dispatch(s.base, head.ID, msg))
		return
	}
	key := canonicalID(head.ID) // as responses are matched: "\u0061" is "a"
	s.mu.Lock()
	if s.held >= maxHeld || s.heldBytes+len(msg) > maxHeldBytes {
		s.mu.Unlock()
		s.write(mcp.NewJSONRPCError(rawRequestID(head.ID), errServerBusy, "Server busy: "+strconv.Itoa(maxHeld)+" requests or "+
			sizeText(maxHeldBytes)+" of requests are already waiting for an answer; send this one again once some are answered", nil))
		return
	}
	ctx, cancel := context.WithCancel(s.base)
	s.inflight[key] = cancel
	s.held++
	s.heldBytes += len(msg)
	s.mu.Unlock()
	s.start(&request{ctx: ctx, cancel: cancel, key: key, id: head.ID, msg: msg})
}

// request is a request read and waiting for, or being handled by, a worker.
type request struct {
	ctx    context.Context
	cancel context.CancelFunc
	key    string
	id     json.RawMessage
	msg    []byte
}

// start hands r to an idle worker, else to a new one, else (maxInFlight busy) queues it;
// the queue has room for every request handle admits, so this never blocks. Workers live
// until the session ends: a new goroutine per request grows a fresh stack through
// mcp-go's JSON handling every time (newstack was 11% of the CPU profile; reusing
// workers took BenchmarkStdioSession from a median 175 to 165 CPU µs per call).
func (s *stdioConn) start(r *request) {
	select {
	case s.handoff <- r:
		return
	default:
	}
	if s.workers < maxInFlight {
		s.workers++
		s.wg.Go(func() { s.work(r) })
		return
	}
	s.queue <- r
}

// work answers r, then waits for the next request until the queue is closed and empty.
func (s *stdioConn) work(r *request) {
	for ok := true; ok; {
		s.write(s.dispatch(r.ctx, r.id, r.msg))
		s.mu.Lock()
		delete(s.inflight, r.key)
		s.held--
		s.heldBytes -= len(r.msg)
		s.mu.Unlock()
		r.cancel()
		select {
		case r, ok = <-s.queue:
		case r = <-s.handoff:
		}
	}
}

// cancel aborts a request in flight: its context reaches the HTTP call to Clerk. It is
// registered before its goroutine starts, so a cancellation read right after its request
// is never lost.
func (s *stdioConn) cancel(id json.RawMessage) {
	s.mu.Lock()
	cancel := s.inflight[canonicalID(id)]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// dispatch runs one message through mcp-go; a panic becomes an internal error rather than
// the end of the session.
func (s *stdioConn) dispatch(ctx context.Context, id json.RawMessage, msg []byte) (resp mcp.JSONRPCMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic while handling a message") // not its value: it could quote arguments
			resp = mcp.NewJSONRPCError(rawRequestID(id), mcp.INTERNAL_ERROR, "Internal error", nil)
		}
	}()
	return withRawID(s.srv.HandleMessage(ctx, msg), id)
}

// write sends one message as one line, scrubbed; a nil message (a notification's) sends
// nothing. The scrubbing is done before the lock: it is the costliest part of a write
// (microseconds for a create's answer), and under the lock every concurrent call would
// wait for it.
func (s *stdioConn) write(msg mcp.JSONRPCMessage) {
	if msg == nil {
		return
	}
	b, err := json.Marshal(boundRPCError(msg))
	if err != nil {
		s.log.Error("cannot encode a response", "err", err)
		return
	}
	b = s.scrub.Bytes(append(b, '\n'))
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := s.out.Write(b); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		s.log.Debug("cannot write to stdout", "err", err)
	}
}

// stdioSession is the one client of a stdio server.
type stdioSession struct {
	notifications chan mcp.JSONRPCNotification
	initialized   atomic.Bool
	peer          *peer // the client's capabilities, and this server's requests to it (peer.go)
}

func (s *stdioSession) SessionID() string                                   { return "stdio" }
func (s *stdioSession) NotificationChannel() chan<- mcp.JSONRPCNotification { return s.notifications }
func (s *stdioSession) Initialize()                                         { s.initialized.Store(true) }
func (s *stdioSession) Initialized() bool                                   { return s.initialized.Load() }
