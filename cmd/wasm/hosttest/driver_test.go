package hosttest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// sendPayload is a SEND step's payload.
type sendPayload struct {
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers"`
	Body      *string           `json:"body"`
	TimeoutMS int64             `json:"timeout_ms"`
}

// outcome is how one attempt ended, as a host reports it.
type outcome struct {
	status  int
	headers string
	body    []byte
	kind    int // a transport error's kind, when there was no answer
	msg     string
}

// sender performs one SEND.
type sender func(p sendPayload) outcome

// result is how a driven call ended.
type result struct {
	action int32
	v      map[string]any
	waits  []int64 // the WAITs, in milliseconds
	sent   int
}

// drive runs a call to its end as a host does: send each SEND with send, take each WAIT
// (recorded, not slept: the host decides how to wait), and stop at DONE or FAIL.
func (m *instance) drive(call int32, send sender) result {
	m.t.Helper()
	var r result
	act := m.i32("clerkmini_next", uint64(uint32(call)))
	for {
		switch act {
		case actSend:
			var p sendPayload
			if err := json.Unmarshal(m.output(), &p); err != nil {
				m.t.Fatalf("SEND payload: %v", err)
			}
			r.sent++
			o := send(p)
			if o.kind != 0 {
				act = m.transportError(call, o.kind, o.msg)
			} else {
				act = m.respond(call, o.status, float64(time.Now().UnixMilli()), o.headers, o.body)
			}
		case actWait:
			r.waits = append(r.waits, int64(m.payload()["wait_ms"].(float64)))
			act = m.i32("clerkmini_next", uint64(uint32(call)))
		case actDone, actFail:
			r.action, r.v = act, m.payload()
			m.call("clerkmini_call_free", uint64(uint32(call)))
			return r
		default:
			m.t.Fatalf("unknown action %d", act)
		}
	}
}

// httpSender sends over real HTTP as a host should: no redirects followed, the attempt's
// timeout, the body read to at most max+1 bytes, the error sorted into the ABI's kinds.
func httpSender(maxBody int64) sender {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return func(p sendPayload) outcome {
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(p.TimeoutMS)*time.Millisecond)
		defer cancel()
		var body io.Reader
		if p.Body != nil {
			body = strings.NewReader(*p.Body)
		}
		req, err := http.NewRequestWithContext(ctx, p.Method, p.URL, body)
		if err != nil {
			return outcome{kind: 1, msg: err.Error()}
		}
		for k, v := range p.Headers {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err == nil {
			defer resp.Body.Close()
			var b []byte
			if b, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1)); err == nil {
				var h bytes.Buffer
				for k, vs := range resp.Header {
					h.WriteString(k + ": " + strings.Join(vs, ", ") + "\n")
				}
				return outcome{status: resp.StatusCode, headers: h.String(), body: b}
			}
		}
		var op *net.OpError
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return outcome{kind: 3, msg: err.Error()}
		case errors.As(err, &op) && op.Op == "dial":
			return outcome{kind: 1, msg: err.Error()}
		}
		return outcome{kind: 2, msg: err.Error()}
	}
}
