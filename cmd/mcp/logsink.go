package main

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
	"time"
)

// flushTimeout bounds how long the server waits at exit for queued log and audit lines
// to be written, all sinks together: a host that never reads stderr must not keep it
// from exiting.
const flushTimeout = 2 * time.Second

// exitDeadline is the one moment at which the exit stops waiting for queued lines. It is
// set by the first sink that closes, flushTimeout later, and every later one shares it,
// so that two blocked sinks (stderr and the audit file) do not each wait flushTimeout.
type exitDeadline struct {
	once sync.Once
	c    chan struct{} // closed at the deadline
}

// exitAfter starts the exit's timeout: time.After, or a test's clock that sees when the
// exit starts to wait and fires when the test says.
var exitAfter = time.After

func newExitDeadline() *exitDeadline { return &exitDeadline{} }

// passed returns a channel closed once the deadline has passed.
func (d *exitDeadline) passed() <-chan struct{} {
	d.once.Do(func() {
		d.c = make(chan struct{})
		t := exitAfter(flushTimeout)
		go func() { <-t; close(d.c) }()
	})
	return d.c
}

// logSink writes log and audit lines from its own goroutine, so that no tool call ever
// waits for stderr (which a host may never read) or the audit file. Lines wait in a queue
// of at most maxLogQueueBytes; a line that does not fit is dropped and counted, and the
// count is written, as a dropNotice line, as soon as the writer takes lines again.
// The trade-off is deliberate: answering the model beats a complete trail on a stderr
// nobody reads; --audit-log FILE makes the trail independent of the host.
type logSink struct {
	w       io.Writer
	mu      sync.Mutex
	queue   [][]byte
	bytes   int // queued and being written
	dropped int
	closed  bool
	wake    chan struct{} // capacity 1
	done    chan struct{} // closed when the writing goroutine ends
}

func newLogSink(w io.Writer) *logSink {
	s := &logSink{w: w, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.run()
	return s
}

// Write queues one line (each caller writes whole lines) and never blocks on the output.
func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	if s.closed || s.bytes+len(p) > maxLogQueueBytes {
		s.dropped++
	} else {
		s.queue = append(s.queue, bytes.Clone(p)) // slog reuses its buffer
		s.bytes += len(p)
	}
	s.mu.Unlock()
	s.poke()
	return len(p), nil
}

func (s *logSink) run() {
	defer close(s.done)
	for range s.wake {
		s.mu.Lock()
		batch, dropped, closed := s.queue, s.dropped, s.closed
		s.queue, s.dropped = nil, 0
		s.mu.Unlock()
		n := 0
		for _, l := range batch {
			_, _ = s.w.Write(l)
			n += len(l)
		}
		if dropped > 0 {
			_, _ = s.w.Write(dropNoticeLine(dropped))
		}
		s.mu.Lock()
		s.bytes -= n
		s.mu.Unlock()
		if closed {
			return
		}
	}
}

// poke wakes the writing goroutine without waiting: one wake-up pending is enough.
func (s *logSink) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// close writes what is queued, waiting at most until the exit's deadline.
func (s *logSink) close(exit *exitDeadline) {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.poke()
	select {
	case <-s.done:
	case <-exit.passed():
	}
}

// dropNotice says how many lines a logSink dropped; it has the audit trail's marker, so
// that whoever reads the trail sees that records are missing.
type dropNotice struct {
	Time    string `json:"time"`
	Audit   string `json:"audit"`
	Outcome string `json:"outcome"` // always "lines_dropped"
	Dropped int    `json:"dropped"`
}

func dropNoticeLine(n int) []byte {
	b, _ := json.Marshal(dropNotice{Time: time.Now().UTC().Format(time.RFC3339Nano), Audit: auditMarker, Outcome: "lines_dropped", Dropped: n})
	return append(b, '\n')
}
