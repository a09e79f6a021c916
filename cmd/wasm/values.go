//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/clerkmini/clerkmini/clerkmini"
)

var errFreed = errors.New("clerkmini: this client was freed")

// tokenValue turns a token into the plain object the loader returns, with
// @clerk/backend's SignInToken field names.
func tokenValue(t *clerkmini.SignInToken) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("id", t.ID)
	o.Set("userId", t.UserID)
	o.Set("token", t.Token)
	o.Set("status", t.Status)
	if t.URL != "" {
		o.Set("url", t.URL)
	} else {
		o.Set("url", js.Null())
	}
	o.Set("createdAt", t.CreatedAt)
	o.Set("updatedAt", t.UpdatedAt)
	return o
}

// errorValue describes err as a plain object that the loader turns into a
// ClerkAPIResponseError, a ClerkTransportError or a TypeError, by its kind.
func errorValue(err error) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("message", err.Error())
	var (
		ce *clerkmini.ClerkErrors
		se *clerkmini.SDKError
		te *clerkmini.TransportError
		ve *clerkmini.ValidationError
	)
	switch {
	case errors.As(err, &ce):
		o.Set("kind", "clerk")
		o.Set("status", ce.StatusCode)
		o.Set("traceId", ce.TraceID)
		o.Set("retryAfter", ce.RetryAfter.Seconds())
		o.Set("attempts", ce.Attempts)
		o.Set("earlierAttemptUnknown", ce.EarlierAttemptUnknown)
		list := js.Global().Get("Array").New()
		for _, e := range ce.Errors {
			item := js.Global().Get("Object").New()
			item.Set("code", e.Code)
			item.Set("message", e.Message)
			item.Set("longMessage", e.LongMessage)
			item.Set("meta", string(e.Meta)) // raw JSON: the loader parses it
			list.Call("push", item)
		}
		o.Set("errors", list)
	case errors.As(err, &se):
		o.Set("kind", "sdk")
		o.Set("status", se.StatusCode)
		o.Set("traceId", se.TraceID)
		o.Set("reason", se.Reason)
		o.Set("attempts", se.Attempts)
	case errors.As(err, &te):
		o.Set("kind", "transport")
		o.Set("attempts", te.Attempts)
		o.Set("mayHaveReachedClerk", te.MayHaveReachedClerk)
	case errors.As(err, &ve):
		o.Set("kind", "validation")
		o.Set("field", ve.Field)
	default:
		o.Set("kind", "internal")
	}
	return o
}
