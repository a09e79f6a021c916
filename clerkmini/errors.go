package clerkmini

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clerkmini/clerkmini/internal/cut"
)

// ClerkError is one entry of the errors array in Clerk's error JSON.
type ClerkError struct {
	Code        string // machine-readable, e.g. "resource_not_found"
	Message     string // short, e.g. "not found"
	LongMessage string // the full sentence, e.g. "No user was found with id user_x"
	Meta        []byte // the entry's meta object as raw JSON (e.g. {"param_name":"user_id"}), nil when absent
}

// errorEntriesShown bounds the entries ClerkErrors.Error() spells out, so that its line
// stays short whatever Clerk sent.
const errorEntriesShown = 3

// MaxErrorEntries bounds the entries a ClerkErrors keeps: Clerk sends one per problem
// (one per bad parameter), an answer with thousands is not Clerk's.
const MaxErrorEntries = 10

// ClerkErrors is returned when Clerk answered a non-2xx status with its error JSON, even
// one with no entries ({"errors":[]}), as @clerk/backend reads it.
type ClerkErrors struct {
	StatusCode int
	Errors     []ClerkError // the first MaxErrorEntries entries, in Clerk's order
	// Omitted counts the entries past MaxErrorEntries, which are not kept.
	Omitted int
	// TraceID is the body's clerk_trace_id, else the Clerk-Trace-Id header, else cf-ray:
	// quote it to Clerk's support.
	TraceID string
	// RetryAfter is the Retry-After header (set on a 429): how long to wait before trying again.
	RetryAfter time.Duration
	// Attempts is how many requests the call sent.
	Attempts int
	// EarlierAttemptUnknown is true when an earlier attempt of this call ended with an unknown
	// outcome (a timeout, a lost connection, a 5xx). This answer may then be caused by that
	// attempt: a retried Revoke that gets sign_in_token_cannot_be_revoked_code may well have
	// revoked the token the first time.
	EarlierAttemptUnknown bool
}

// Error returns one line, e.g. "clerk: 404 resource_not_found: No user was found with id user_x (trace 2efb)".
func (e *ClerkErrors) Error() string {
	b := make([]byte, 0, 128)
	b = append(b, "clerk: "...)
	b = strconv.AppendInt(b, int64(e.StatusCode), 10)
	for i, ce := range e.Errors {
		if i == errorEntriesShown {
			break
		}
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, ' ')
		b = appendOneLine(b, ce.Code, 100)
		msg := ce.LongMessage
		if msg == "" {
			msg = ce.Message
		}
		if msg != "" {
			b = append(b, ": "...)
			b = appendOneLine(b, msg, 300)
		}
	}
	if more := len(e.Errors) - errorEntriesShown + e.Omitted; more > 0 {
		b = append(b, "; and "...)
		b = strconv.AppendInt(b, int64(more), 10)
		b = append(b, " more"...)
	}
	if len(e.Errors) == 0 {
		b = appendStatusText(b, e.StatusCode)
		b = append(b, ": no error details"...)
	}
	b = appendTrace(b, e.TraceID)
	if e.RetryAfter > 0 {
		b = append(b, " (retry after "...)
		b = append(b, e.RetryAfter.String()...)
		b = append(b, ')')
	}
	b = appendAttempts(b, e.Attempts)
	if e.EarlierAttemptUnknown {
		b = append(b, "; an earlier attempt's outcome is unknown and may have taken effect"...)
	}
	return string(b)
}

// HasCode reports whether any of the errors has the given code.
func (e *ClerkErrors) HasCode(code string) bool {
	for _, ce := range e.Errors {
		if ce.Code == code {
			return true
		}
	}
	return false
}

// SDKError is returned for any answer that is not a success and not Clerk's error JSON
// (an HTML page from a proxy, truncated JSON), and for a success that is not a sign-in
// token. The status always survives.
type SDKError struct {
	StatusCode  int
	ContentType string
	// Reason says what was wrong with the answer, e.g. "body is not valid JSON".
	Reason string
	// Body is a bounded, single-line snippet of the body. It is empty for 2xx answers,
	// whose body may carry a sign-in token.
	Body    string
	TraceID string // the Clerk-Trace-Id header, else cf-ray, when there was one
	// Attempts is how many requests the call sent.
	Attempts int
}

// Error returns one line, e.g. "clerk: 502 Bad Gateway: unexpected answer (text/html): <html>…".
func (e *SDKError) Error() string {
	b := make([]byte, 0, 128)
	b = append(b, "clerk: "...)
	b = strconv.AppendInt(b, int64(e.StatusCode), 10)
	b = appendStatusText(b, e.StatusCode)
	b = append(b, ": "...)
	b = append(b, e.Reason...)
	if e.ContentType != "" {
		b = append(b, " ("...)
		b = appendOneLine(b, e.ContentType, 80)
		b = append(b, ')')
	}
	if e.Body != "" {
		b = append(b, ": "...)
		b = append(b, e.Body...)
	}
	b = appendTrace(b, e.TraceID)
	b = appendAttempts(b, e.Attempts)
	return string(b)
}

// TransportError is returned when no usable answer came back: the connection failed,
// the attempt timed out, or the context ended.
type TransportError struct {
	Op       string // "create" or "revoke"
	Attempts int
	// MayHaveReachedClerk is true when the last request may have been processed by Clerk
	// although no answer came back. For a Create that means a token may have been minted.
	MayHaveReachedClerk bool
	Err                 error // what the transport or the context reported
	// Last is the error of the previous attempt when the context ended while waiting to
	// retry it (errors.As finds it too), else nil.
	Last error
}

// Error returns one line.
func (e *TransportError) Error() string {
	b := make([]byte, 0, 128)
	b = append(b, "clerk: "...)
	b = append(b, e.Op...)
	b = append(b, " sign-in token: "...)
	switch {
	case e.Last != nil:
		b = append(b, "gave up waiting to retry ("...)
		b = appendOneLine(b, e.Err.Error(), 200)
		b = append(b, ") after: "...)
		b = append(b, strings.TrimPrefix(e.Last.Error(), "clerk: ")...)
		return string(b)
	case errors.Is(e.Err, context.DeadlineExceeded):
		b = append(b, "timed out"...)
	case errors.Is(e.Err, context.Canceled):
		b = append(b, "canceled"...)
	default:
		b = appendOneLine(b, e.Err.Error(), 300)
	}
	b = appendAttempts(b, e.Attempts)
	if e.MayHaveReachedClerk && e.Op == opCreate {
		b = append(b, "; the request may have reached Clerk, so a token may have been created"...)
	}
	return string(b)
}

// Unwrap returns the transport's or the context's error, and the previous attempt's.
func (e *TransportError) Unwrap() []error {
	if e.Last != nil {
		return []error{e.Err, e.Last}
	}
	return []error{e.Err}
}

// ValidationError is returned, before anything is sent, for an argument Clerk would refuse
// or that is unsafe to send. It names the field as Clerk's API does; it never repeats the
// value, which might be a credential pasted in the wrong place.
type ValidationError struct {
	Field  string // the API's name: "user_id", "org_id", "expires_in_seconds", "sign_in_token_id"
	Reason string // e.g. "must not be empty"
}

// Error returns one line, e.g. "clerkmini: invalid user_id: must not be empty".
func (e *ValidationError) Error() string {
	return "clerkmini: invalid " + e.Field + ": " + e.Reason
}

// appendTrace appends " (trace id)", the id to quote to Clerk's support, when there is one.
func appendTrace(b []byte, id string) []byte {
	if id == "" {
		return b
	}
	b = append(b, " (trace "...)
	b = appendOneLine(b, id, 100)
	return append(b, ')')
}

func appendAttempts(b []byte, n int) []byte {
	if n > 1 {
		b = append(b, " (after "...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " attempts)"...)
	}
	return b
}

// appendOneLine appends s with control characters turned into spaces and invalid UTF-8
// replaced, cut to max bytes (never inside a character), so an error message stays one
// readable line whatever a server sent.
func appendOneLine(b []byte, s string, max int) []byte {
	kept := cut.Prefix(s, max)
	for _, r := range strings.ToValidUTF8(kept, "\uFFFD") {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' {
			r = ' '
		}
		b = utf8.AppendRune(b, r)
	}
	if len(kept) < len(s) {
		b = append(b, "…"...)
	}
	return b
}

// appendStatusText appends " " and the status's reason phrase, or nothing for a status
// without one.
func appendStatusText(b []byte, code int) []byte {
	if t := statusText(code); t != "" {
		b = append(b, ' ')
		b = append(b, t...)
	}
	return b
}

// statusText is the reason phrase of an HTTP status (RFC 9110's names, and those of the
// other registered statuses and of Cloudflare, in front of Clerk), or "" for a status
// that has none. net/http's table is not available to small builds.
func statusText(code int) string {
	if code >= 100 && code < 600 {
		return statusTexts[code]
	}
	return ""
}

var statusTexts = [600]string{
	100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
	200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
	205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
	300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
	305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
	400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
	409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large",
	414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed",
	418: "I'm a teapot", 421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
	424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
	429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
	504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
	507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended", 511: "Network Authentication Required",
	520: "Web Server Returned an Unknown Error", 521: "Web Server Is Down", 522: "Connection Timed Out",
	523: "Origin Is Unreachable", 524: "A Timeout Occurred", 525: "SSL Handshake Failed", 526: "Invalid SSL Certificate",
}
