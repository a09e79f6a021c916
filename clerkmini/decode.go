package clerkmini

import (
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/clerkmini/clerkmini/internal/cut"
)

// snippetMax bounds the body snippet kept in an SDKError.
const snippetMax = 200

// maxJSONDepth bounds how deeply an answer may nest: gjson validates and walks JSON
// recursively, and a 1 MiB body of "[" would otherwise take over 100 MB of stack.
const maxJSONDepth = 64

// decode turns a response into a token or the error that describes it, with the secret
// key scrubbed from everything the error holds.
func (c *Client) decode(resp *Response) (*SignInToken, error) {
	tok, err := c.decodeAnswer(resp)
	if err != nil {
		c.scrub.errorFields(err)
	}
	return tok, err
}

func (c *Client) decodeAnswer(resp *Response) (*SignInToken, error) {
	status := resp.StatusCode
	sdkErr := func(reason string, withBody bool) *SDKError {
		e := &SDKError{StatusCode: status, Reason: reason, ContentType: resp.Header.Get("Content-Type"), TraceID: traceID("", resp.Header)}
		if withBody {
			e.Body = c.snippet(resp.Body)
		}
		return e
	}
	if reason := headerOverBounds(resp.Header); reason != "" {
		return nil, &SDKError{StatusCode: status, Reason: reason} // no header field is worth keeping
	}
	if len(resp.Body) > MaxResponseBytes {
		return nil, sdkErr("body is larger than 1 MiB", false)
	}
	if jsonTooDeep(resp.Body) {
		return nil, sdkErr("answer nests deeper than "+strconv.Itoa(maxJSONDepth)+" levels", status >= 300)
	}
	if status >= 200 && status < 300 {
		tok, reason := parseSignInToken(resp.Body)
		if reason != "" {
			// The body is withheld: a success may carry a token, a credential.
			return nil, sdkErr("answer is not a sign-in token: "+reason, false)
		}
		return tok, nil
	}
	if ce := parseClerkErrors(status, resp.Body); ce != nil {
		ce.TraceID = traceID(ce.TraceID, resp.Header)
		return nil, ce
	}
	reason := "unexpected answer"
	switch {
	case len(resp.Body) == 0:
		reason = "empty answer"
	case !gjson.ValidBytes(resp.Body) && (resp.Body[0] == '{' || resp.Body[0] == '['):
		reason = "answer is not valid JSON (truncated?)"
	}
	return nil, sdkErr(reason, true)
}

// traceID is the id to quote to Clerk's support, where @clerk/backend looks for it: the
// body's clerk_trace_id, else the Clerk-Trace-Id header, else Cloudflare's cf-ray, which
// Clerk's edge sends on every answer.
func traceID(fromBody string, h Header) string {
	if fromBody != "" {
		return fromBody
	}
	if id := h.Get("Clerk-Trace-Id"); id != "" {
		return id
	}
	return h.Get("Cf-Ray")
}

// headerOverBounds says why h is over MaxResponseHeaderFields or MaxResponseHeaderBytes,
// or returns "".
func headerOverBounds(h Header) string {
	if len(h) > MaxResponseHeaderFields {
		return headerFieldsTooMany
	}
	n := 0
	for k, v := range h {
		n += len(k) + len(v)
	}
	if n > MaxResponseHeaderBytes {
		return headersTooLarge
	}
	return ""
}

// The reasons given for an answer whose header is over the bounds, by the client and by
// HTTPTransport alike.
var (
	headerFieldsTooMany = "answer has more than " + strconv.Itoa(MaxResponseHeaderFields) + " header fields"
	headersTooLarge     = "answer's headers are larger than " + strconv.Itoa(MaxResponseHeaderBytes>>10) + " KiB"
)

// jsonTooDeep reports whether body, read as JSON, opens more than maxJSONDepth arrays or
// objects at once. It only counts: validity is gjson's to judge.
func jsonTooDeep(body []byte) bool {
	// Fewer openings than the bound cannot nest past it: a token's answer has one, and
	// counting costs a fraction of the walk below on every success. One pass ('[' and '{'
	// differ only in bit 0x20): bytes.Count twice, not vectorised in TinyGo, was a fifth
	// of the module's time on a success.
	opens := 0
	for _, c := range body {
		if c|0x20 == '{' {
			opens++
		}
	}
	if opens <= maxJSONDepth {
		return false
	}
	depth, inString := 0, false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > maxJSONDepth {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}

// parseSignInToken reads a SignInToken leniently (unknown fields are ignored, url may be
// null, token may be absent) but strictly on the types of the fields it knows. It returns
// a reason when the body is not a sign-in token.
func parseSignInToken(body []byte) (*SignInToken, string) {
	if len(body) == 0 {
		return nil, "body is empty"
	}
	if !gjson.ValidBytes(body) {
		return nil, "body is not valid JSON (truncated?)"
	}
	root := gjson.Parse(string(body))
	if !root.IsObject() {
		return nil, "body is not a JSON object"
	}
	t := &SignInToken{}
	// The fields it knows: a string (null reads as "" when nullable) or an integer.
	fields := [...]struct {
		name     string
		str      *string
		num      *int64
		nullable bool
		required bool
	}{
		{name: "object", str: &t.Object, required: true}, // first: its bit is 1
		{name: "id", str: &t.ID, required: true},
		{name: "status", str: &t.Status, required: true},
		{name: "user_id", str: &t.UserID, required: true},
		{name: "token", str: &t.Token, nullable: true},
		{name: "url", str: &t.URL, nullable: true},
		{name: "created_at", num: &t.CreatedAt, required: true},
		{name: "updated_at", num: &t.UpdatedAt, required: true},
	}
	seen := 0 // bit i: fields[i] is present
	var reason string
	root.ForEach(func(k, v gjson.Result) bool {
		for i := range fields {
			f := &fields[i]
			if k.Str != f.name {
				continue
			}
			seen |= 1 << i
			if f.num != nil {
				n, err := strconv.ParseInt(v.Raw, 10, 64)
				if v.Type != gjson.Number || err != nil {
					reason = "field " + f.name + " is " + typeName(v) + ", want an integer"
				} else {
					*f.num = n
				}
			} else if v.Type == gjson.String || v.Type == gjson.Null && f.nullable {
				*f.str = v.Str // "" for null
			} else {
				reason = "field " + f.name + " is " + typeName(v) + ", want a string"
			}
			break
		}
		return reason == ""
	})
	switch {
	case reason != "":
		return nil, reason
	case seen&1 != 0 && t.Object != "sign_in_token":
		return nil, "object is \"" + string(appendOneLine(nil, t.Object, 40)) + "\", want \"sign_in_token\""
	}
	for i, f := range fields {
		if f.required && seen&(1<<i) == 0 {
			return nil, "required field " + f.name + " is missing"
		}
	}
	if t.ID == "" {
		return nil, "field id is empty"
	}
	return t, ""
}

// parseClerkErrors reads Clerk's error JSON, or returns nil when the body is not that.
func parseClerkErrors(status int, body []byte) *ClerkErrors {
	if len(body) == 0 || !gjson.ValidBytes(body) {
		return nil
	}
	root := gjson.Parse(string(body))
	if !root.IsObject() {
		return nil
	}
	// The first member of each name counts, as gjson's Get reads it; Get itself is not
	// called: its path syntax links gjson's modifiers, a quarter of the TinyGo module.
	var list, id gjson.Result
	root.ForEach(func(k, v gjson.Result) bool {
		switch {
		case k.Str == "errors" && !list.Exists():
			list = v
		case k.Str == "clerk_trace_id" && !id.Exists():
			id = v
		}
		return true
	})
	if !list.IsArray() {
		return nil
	}
	ce := &ClerkErrors{StatusCode: status}
	ok := true
	list.ForEach(func(_, v gjson.Result) bool {
		if !v.IsObject() {
			ok = false
			return false
		}
		if len(ce.Errors) == MaxErrorEntries {
			ce.Omitted++ // counted, not read: nothing past the bound is held
			return true
		}
		e := ClerkError{}
		v.ForEach(func(k, f gjson.Result) bool {
			switch k.Str {
			case "code":
				e.Code = f.String()
			case "message":
				e.Message = f.String()
			case "long_message":
				e.LongMessage = f.String()
			case "meta":
				if f.IsObject() {
					e.Meta = []byte(f.Raw)
				}
			}
			return true
		})
		ce.Errors = append(ce.Errors, e)
		return true
	})
	if !ok {
		return nil
	}
	if id.Type == gjson.String {
		ce.TraceID = id.Str
	}
	return ce
}

// snippet returns the start of an error body as one line, with the secret key blanked
// before any cut, so that no part of an echo survives it.
func (c *Client) snippet(body []byte) string {
	if n := 4*snippetMax + c.scrub.span; len(body) > n {
		body = body[:n] // every echo that begins before the cut below ends in here
	}
	s := cut.Prefix(c.scrub.String(string(body)), 4*snippetMax)
	s = strings.Join(strings.Fields(s), " ")
	return string(appendOneLine(nil, s, snippetMax))
}

func typeName(v gjson.Result) string {
	switch v.Type {
	case gjson.Null:
		return "null"
	case gjson.False, gjson.True:
		return "a boolean"
	case gjson.Number:
		return "a number"
	case gjson.String:
		return "a string"
	}
	if v.IsArray() {
		return "an array"
	}
	return "an object"
}
