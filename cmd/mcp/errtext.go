package main

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// describeError turns a failed call into the text the model reads and the outcome the
// audit log records. The text keeps everything Clerk said (status, code, message,
// long_message, trace id, retry-after), because "Not Found" alone helps no one.
func describeError(tool string, err error) (text, outcome string, status int, code string) {
	var (
		ae *argError
		pe *policyError
		nc *notConfirmed
		ve *clerkmini.ValidationError
		ce *clerkmini.ClerkErrors
		se *clerkmini.SDKError
		te *clerkmini.TransportError
		oe *oversizeError
	)
	switch {
	case errors.As(err, &ae):
		return "Invalid arguments for " + tool + ": " + ae.Error() + ". Correct them and call again.", "invalid_arguments", 0, ""
	case errors.As(err, &ve):
		return "Invalid arguments for " + tool + ": " + ve.Field + " " + ve.Reason + ". Correct them and call again.", "invalid_arguments", 0, ""
	case errors.As(err, &nc):
		return nc.msg, "not_confirmed", 0, ""
	case errors.As(err, &pe):
		return "Refused by this server's policy: " + pe.msg + ".", "refused", 0, ""
	case errors.As(err, &ce):
		return clerkErrorText(ce), "clerk_error", ce.StatusCode, firstCode(ce)
	case errors.As(err, &se):
		return "Clerk's answer could not be used (" + strings.TrimPrefix(se.Error(), "clerk: ") + "). " +
			"Something between this server and Clerk may be failing; try again later.", "bad_answer", se.StatusCode, ""
	case errors.As(err, &oe):
		text = "Clerk's answer could not be used (" + oe.Error() + ")."
		if tool == toolCreate {
			text += " A token may have been created: it cannot be returned."
		}
		return text, "bad_answer", 200, ""
	case errors.As(err, &te):
		outcome = "unreachable"
		switch {
		case errors.Is(te.Err, context.Canceled):
			outcome = "canceled"
		case errors.Is(te.Err, context.DeadlineExceeded):
			outcome = "timeout"
		}
		text = "No answer from Clerk: " + strings.TrimPrefix(te.Error(), "clerk: ") + "."
		if te.MayHaveReachedClerk && tool == toolCreate {
			text += " Do not simply retry: a token may have been created already, and a retry would mint a second one."
		}
		return text, outcome, 0, ""
	}
	return "Unexpected failure: " + err.Error(), "failed", 0, ""
}

// clerkErrorText lists Clerk's errors, each field cut to maxFieldBytes and the whole to
// maxResultBytes: the entries that do not fit are counted, never silently lost.
func clerkErrorText(ce *clerkmini.ClerkErrors) string {
	var tail strings.Builder // what follows the entries, kept whole
	if ce.TraceID != "" {
		tail.WriteString("\nclerk_trace_id: " + clip(ce.TraceID, maxFieldBytes))
	}
	if ce.RetryAfter > 0 {
		tail.WriteString("\nretry_after_seconds: " + strconv.FormatInt(int64((ce.RetryAfter+999_999_999)/1e9), 10))
	}
	if ce.EarlierAttemptUnknown {
		tail.WriteString("\nnote: an earlier attempt of this call got no answer and may have taken effect")
	}
	if hint := clerkHint(ce); hint != "" {
		tail.WriteString("\n" + hint)
	}
	var b strings.Builder
	b.WriteString("Clerk refused the request: HTTP " + strconv.Itoa(ce.StatusCode) + " " + http.StatusText(ce.StatusCode) + ".")
	const cutNoteRoom = 48 // "\n… 59,990 more errors not shown"
	room := maxResultBytes - tail.Len() - cutNoteRoom
	shown := 0
	for _, e := range ce.Errors {
		entry := clerkErrorEntry(e)
		if b.Len()+len(entry) > room {
			break
		}
		b.WriteString(entry)
		shown++
	}
	// The core keeps the first entries and counts the rest in Omitted.
	if more := len(ce.Errors) - shown + ce.Omitted; more > 0 {
		b.WriteString("\n… " + thousands(more) + " more errors not shown")
	}
	b.WriteString(tail.String())
	return b.String()
}

func clerkErrorEntry(e clerkmini.ClerkError) string {
	s := "\ncode: " + clip(e.Code, maxFieldBytes) + "\nmessage: " + clip(e.Message, maxFieldBytes)
	if e.LongMessage != "" {
		s += "\nlong_message: " + clip(e.LongMessage, maxFieldBytes)
	}
	if len(e.Meta) > 0 && string(e.Meta) != "{}" && string(e.Meta) != "null" {
		s += "\nmeta: " + clip(string(e.Meta), maxFieldBytes)
	}
	return s
}

// clerkHint says what the model can do about the commonest refusals.
func clerkHint(ce *clerkmini.ClerkErrors) string {
	switch {
	case ce.HasCode("sign_in_token_cannot_be_revoked_code"):
		return "The token is no longer pending (already used or revoked): there is nothing left to revoke."
	case ce.StatusCode == 401:
		return "This server's CLERK_SECRET_KEY was refused: its operator must fix the configuration; retrying will not help."
	case ce.StatusCode == 404:
		return "Check the id: it must be an existing id of this Clerk instance."
	case ce.StatusCode == 429:
		return "Clerk is rate limiting this instance: wait before trying again."
	case ce.StatusCode >= 500:
		return "Clerk failed internally; trying again later may work. Quote the trace id to Clerk's support if it persists."
	}
	return ""
}

func firstCode(ce *clerkmini.ClerkErrors) string {
	if len(ce.Errors) > 0 {
		return clip(ce.Errors[0].Code, maxFieldBytes)
	}
	return ""
}
