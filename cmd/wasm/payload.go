//go:build wasip1 || tinygo

package main

import (
	"errors"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// appendSend appends a SEND payload: the request the host sends. It holds the secret
// key (in Authorization): a host must not log it.
func appendSend(b []byte, s clerkmini.Step) []byte {
	var h jsonText
	for k, v := range s.Request.Header {
		h.str(k, v)
	}
	j := jsonText{b: b}
	j.str("method", s.Request.Method)
	j.str("url", s.Request.URL)
	j.raw("headers", h.bytes())
	if s.Request.Body != nil {
		j.str("body", string(s.Request.Body))
	}
	j.num("timeout_ms", s.Timeout.Milliseconds())
	return j.bytes()
}

// appendToken appends a DONE payload: the sign-in token with Clerk's field names, token
// and url null when Clerk sent none.
func appendToken(b []byte, t *clerkmini.SignInToken) []byte {
	j := jsonText{b: b}
	j.str("object", t.Object)
	j.str("id", t.ID)
	j.str("status", t.Status)
	j.str("user_id", t.UserID)
	for _, f := range [...]struct{ k, v string }{{"token", t.Token}, {"url", t.URL}} {
		if f.v == "" {
			j.null(f.k)
		} else {
			j.str(f.k, f.v)
		}
	}
	j.num("created_at", t.CreatedAt)
	j.num("updated_at", t.UpdatedAt)
	return j.bytes()
}

// appendError appends a FAIL payload: err's kind and what that kind carries
// (README.md, "The FAIL payload").
func appendError(b []byte, err error) []byte {
	var (
		ce *clerkmini.ClerkErrors
		se *clerkmini.SDKError
		te *clerkmini.TransportError
		ve *clerkmini.ValidationError
	)
	j := jsonText{b: b}
	switch {
	case errors.As(err, &te): // first: one that gave up waiting also holds the ClerkErrors it waited on
		j.str("kind", "transport")
		j.str("message", err.Error())
		j.boolean("may_have_reached_clerk", te.MayHaveReachedClerk)
		j.num("attempts", int64(te.Attempts))
	case errors.As(err, &ce):
		j.str("kind", "clerk")
		j.str("message", err.Error())
		j.num("status", int64(ce.StatusCode))
		list := []byte{'['}
		for i, e := range ce.Errors {
			if i > 0 {
				list = append(list, ',')
			}
			var item jsonText
			item.str("code", e.Code)
			item.str("message", e.Message)
			if e.LongMessage != "" {
				item.str("long_message", e.LongMessage)
			}
			if e.Meta != nil {
				// Clerk's own object, from a body gjson validated; made valid UTF-8 for
				// strict readers.
				item.raw("meta", []byte(strings.ToValidUTF8(string(e.Meta), "\uFFFD")))
			}
			list = append(list, item.bytes()...)
		}
		j.raw("errors", append(list, ']'))
		if ce.TraceID != "" {
			j.str("clerk_trace_id", ce.TraceID)
		}
		if ce.RetryAfter > 0 {
			j.float("retry_after", ce.RetryAfter.Seconds())
		}
		j.num("attempts", int64(ce.Attempts))
		if ce.EarlierAttemptUnknown {
			j.boolean("earlier_attempt_unknown", true)
		}
	case errors.As(err, &se):
		j.str("kind", "sdk")
		j.str("message", err.Error())
		j.num("status", int64(se.StatusCode))
		j.str("reason", se.Reason)
		if se.TraceID != "" {
			j.str("clerk_trace_id", se.TraceID)
		}
		j.num("attempts", int64(se.Attempts))
	case errors.As(err, &ve):
		j.str("kind", "validation")
		j.str("message", err.Error())
		j.str("field", ve.Field)
		j.str("reason", ve.Reason)
	default: // not expected: every error of the core is one of the above
		j.str("kind", "internal")
		j.str("message", err.Error())
	}
	return j.bytes()
}
