//go:build js && wasm

package main

import (
	"errors"

	"github.com/clerkmini/clerkmini/clerkmini"
)

var errFreed = errors.New("clerkmini: this client was freed")

// tokenText is a token as the JSON text of the object the loader returns, with
// @clerk/backend's SignInToken field names.
func tokenText(t *clerkmini.SignInToken) string {
	var j jsonText
	j.str("id", t.ID)
	j.str("userId", t.UserID)
	j.str("token", t.Token)
	j.str("status", t.Status)
	if t.URL != "" {
		j.str("url", t.URL)
	} else {
		j.null("url")
	}
	j.num("createdAt", t.CreatedAt)
	j.num("updatedAt", t.UpdatedAt)
	return j.String()
}

// errorText describes err as JSON text that the loader turns into a
// ClerkAPIResponseError, a ClerkTransportError or a TypeError, by its kind.
func errorText(err error) string {
	var (
		j  jsonText
		ce *clerkmini.ClerkErrors
		se *clerkmini.SDKError
		te *clerkmini.TransportError
		ve *clerkmini.ValidationError
	)
	j.str("message", err.Error())
	switch {
	case errors.As(err, &ce):
		j.str("kind", "clerk")
		j.num("status", int64(ce.StatusCode))
		j.str("traceId", ce.TraceID)
		j.float("retryAfter", ce.RetryAfter.Seconds())
		j.num("attempts", int64(ce.Attempts))
		j.boolean("earlierAttemptUnknown", ce.EarlierAttemptUnknown)
		list := []byte{'['}
		for i, e := range ce.Errors {
			if i > 0 {
				list = append(list, ',')
			}
			var item jsonText
			item.str("code", e.Code)
			item.str("message", e.Message)
			item.str("longMessage", e.LongMessage)
			item.str("meta", string(e.Meta)) // Clerk's raw JSON: the loader parses it
			list = append(list, item.String()...)
		}
		j.raw("errors", string(append(list, ']')))
	case errors.As(err, &se):
		j.str("kind", "sdk")
		j.num("status", int64(se.StatusCode))
		j.str("traceId", se.TraceID)
		j.str("reason", se.Reason)
		j.num("attempts", int64(se.Attempts))
	case errors.As(err, &te):
		j.str("kind", "transport")
		j.num("attempts", int64(te.Attempts))
		j.boolean("mayHaveReachedClerk", te.MayHaveReachedClerk)
	case errors.As(err, &ve):
		j.str("kind", "validation")
		j.str("field", ve.Field)
	default:
		j.str("kind", "internal")
	}
	return j.String()
}
