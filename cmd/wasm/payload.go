//go:build wasip1 || tinygo

package main

import (
	"strings"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// appendSend appends a SEND payload: the request the host sends. It holds the secret
// key (in Authorization): a host must not log it. headers is the JSON text of the
// request's header, which every request of a client shares (the core makes it once per
// client): the caller keeps it per client, and appendSend writes it on first use.
func appendSend(b []byte, s clerkmini.Step, headers *[]byte) []byte {
	if *headers == nil {
		var h jsonText
		for k, v := range s.Request.Header {
			h.str(k, v)
		}
		*headers = h.bytes()
	}
	j := jsonText{b: b}
	j.str("method", s.Request.Method)
	j.str("url", s.Request.URL)
	j.raw("headers", *headers)
	if s.Request.Body != nil {
		j.str("body", string(s.Request.Body))
	}
	j.num("timeout_ms", s.Timeout.Milliseconds())
	return j.bytes()
}

// appendToken appends a DONE payload: the sign-in token as Clerk writes it (the core's
// one writer of that shape: token absent and url null when Clerk sent none).
func appendToken(b []byte, t *clerkmini.SignInToken) []byte { return t.AppendJSON(b) }

// appendError appends a FAIL payload: err's kind and what that kind carries
// (README.md, "The FAIL payload").
func appendError(b []byte, err error) []byte {
	j := jsonText{b: b}
	// The core returns these types unwrapped (a TransportError that gave up waiting holds
	// the failed attempt's error in Last, but is a transport failure).
	switch e := err.(type) {
	case *clerkmini.TransportError:
		j.failure("transport", err)
		j.boolean("may_have_reached_clerk", e.MayHaveReachedClerk)
		j.num("attempts", int64(e.Attempts))
	case *clerkmini.ClerkErrors:
		j.answer("clerk", err, e.StatusCode, e.TraceID)
		j.key("errors")
		j.b = append(j.b, '[')
		for i, ce := range e.Errors {
			if i > 0 {
				j.b = append(j.b, ',')
			}
			item := jsonText{b: j.b}
			item.str("code", ce.Code)
			item.str("message", ce.Message)
			if ce.LongMessage != "" {
				item.str("long_message", ce.LongMessage)
			}
			if ce.Meta != nil {
				// Clerk's own object, from a body gjson validated; made valid UTF-8 for
				// strict readers.
				item.raw("meta", []byte(strings.ToValidUTF8(string(ce.Meta), "\uFFFD")))
			}
			j.b = item.bytes()
		}
		j.b = append(j.b, ']')
		if e.RetryAfter > 0 {
			j.num("retry_after", int64((e.RetryAfter+time.Second-1)/time.Second))
		}
		j.num("attempts", int64(e.Attempts))
		if e.EarlierAttemptUnknown {
			j.boolean("earlier_attempt_unknown", true)
		}
	case *clerkmini.SDKError:
		j.answer("sdk", err, e.StatusCode, e.TraceID)
		j.str("reason", e.Reason)
		j.num("attempts", int64(e.Attempts))
	case *clerkmini.ValidationError:
		j.failure("validation", err)
		j.str("field", e.Field)
		j.str("reason", e.Reason)
	default: // not expected: every error of the core is one of the above
		j.failure("internal", err)
	}
	return j.bytes()
}

// failure writes what every FAIL payload starts with: its kind and err's message.
func (j *jsonText) failure(kind string, err error) {
	j.str("kind", kind)
	j.str("message", err.Error())
}

// answer writes the start of a FAIL payload about an answer from Clerk: with its status,
// and Clerk's trace id when it sent one.
func (j *jsonText) answer(kind string, err error, status int, traceID string) {
	j.failure(kind, err)
	j.num("status", int64(status))
	if traceID != "" {
		j.str("clerk_trace_id", traceID)
	}
}
