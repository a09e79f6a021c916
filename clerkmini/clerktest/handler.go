//go:build !tinygo

package clerktest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/internal/wait"
)

// maxRequestBytes bounds the bodies the sandbox reads.
const maxRequestBytes = 1 << 20

// maxQueuedFaults bounds the faults queued over HTTP, which would otherwise grow with
// every POST /__sandbox/faults.
const maxQueuedFaults = 1_000

// ServeHTTP implements http.Handler: the sandbox answers over real HTTP, for
// httptest.NewServer, cmd/sandbox and clients in other languages.
//
// Besides Clerk's endpoints it serves a few of its own under /__sandbox/, which, like the
// API, require the sandbox's secret key:
//
//	POST /__sandbox/faults                 inject a fault (at most 1,000 queued, then 429): {"op","status","retry_after_seconds","body","content_type","latency_ms","after_processing","drop","times"}
//	DELETE /__sandbox/faults               clear faults
//	POST /__sandbox/tokens/{id}/accept     mark a pending token as used
//	GET  /__sandbox/tokens/{id}            a token's state (without its credential)
//	GET  /__sandbox/stats                  {"requests","tokens"}: API requests served, tokens held (pending and recently finished)
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/__sandbox/") {
		s.serveControl(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		writeAnswer(w, clerkError(413, "request_body_invalid", "Request body invalid", "The request body is too large.", ""))
		return
	}
	a, f := s.serve(r.Method, r.URL.EscapedPath(), clerkmini.HeaderFrom(r.Header), body)
	if f != nil && wait.For(r.Context(), f.Latency) != nil {
		return
	}
	if a.drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // HTTP/2: abort the stream
	}
	writeAnswer(w, a)
}

func writeAnswer(w http.ResponseWriter, a answer) {
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

func (s *Sandbox) serveControl(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	a, ok := s.authorize(r.Header.Get("Authorization"))
	s.mu.Unlock()
	if !ok {
		writeAnswer(w, a)
		return
	}
	rest := strings.TrimPrefix(r.URL.Path, "/__sandbox/")
	switch {
	case rest == "faults" && r.Method == http.MethodPost:
		var in struct {
			Op              string `json:"op"`
			Status          int    `json:"status"`
			RetryAfter      int    `json:"retry_after_seconds"`
			Body            string `json:"body"`
			ContentType     string `json:"content_type"`
			LatencyMS       int    `json:"latency_ms"`
			AfterProcessing bool   `json:"after_processing"`
			Drop            bool   `json:"drop"`
			Times           int    `json:"times"`
		}
		dec := json.NewDecoder(io.LimitReader(r.Body, maxRequestBytes))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeAnswer(w, clerkError(400, "request_body_invalid", "Request body invalid", "fault: "+err.Error(), ""))
			return
		}
		s.mu.Lock()
		queued := len(s.faults)
		s.mu.Unlock()
		if queued >= maxQueuedFaults {
			writeAnswer(w, clerkError(429, "too_many_requests", "Too many requests", "The sandbox holds "+strconv.Itoa(maxQueuedFaults)+" queued faults, its limit: DELETE /__sandbox/faults to clear them.", ""))
			return
		}
		s.Inject(Fault{Op: in.Op, Status: in.Status, RetryAfter: time.Duration(in.RetryAfter) * time.Second, Body: in.Body,
			ContentType: in.ContentType, Latency: time.Duration(in.LatencyMS) * time.Millisecond,
			AfterProcessing: in.AfterProcessing, Drop: in.Drop, Times: in.Times})
		w.WriteHeader(http.StatusNoContent)
	case rest == "faults" && r.Method == http.MethodDelete:
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case rest == "stats" && r.Method == http.MethodGet:
		// What a test outside the process checks: that a call reached Clerk, or did not.
		body := strconv.AppendInt([]byte(`{"requests":`), int64(s.Requests()), 10)
		body = strconv.AppendInt(append(body, `,"tokens":`...), int64(s.Tokens("")), 10)
		writeAnswer(w, jsonAnswer(200, append(body, '}')))
	case strings.HasPrefix(rest, "tokens/"):
		id, action, _ := strings.Cut(strings.TrimPrefix(rest, "tokens/"), "/")
		switch {
		case action == "accept" && r.Method == http.MethodPost:
			if !s.Accept(id) {
				writeAnswer(w, clerkError(404, "resource_not_found", "not found", "No pending sign in token with that id", ""))
				return
			}
			w.WriteHeader(http.StatusNoContent)
		case action == "" && r.Method == http.MethodGet:
			t, ok := s.Token(id)
			if !ok {
				writeAnswer(w, clerkError(404, "resource_not_found", "not found", "Resource not found", ""))
				return
			}
			writeAnswer(w, tokenAnswer(t, false))
		default:
			writeAnswer(w, clerkError(404, "resource_not_found", "URL not found", "The URL was not found", ""))
		}
	default:
		writeAnswer(w, clerkError(404, "resource_not_found", "URL not found", "The URL was not found", ""))
	}
}
