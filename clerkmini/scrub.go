package clerkmini

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// secretKeyMark replaces the secret key wherever an answer echoes it.
const secretKeyMark = "[secret key]"

// Bounds of what a Redactor recognises as one echo of the key.
const (
	scrubGapMax  = 8 // line-break or space units allowed between two characters of the key
	scrubUnitMax = 6 // the longest spelling of one character outside JSON text: \u00XX
)

// keyShapes begin anything shaped like a Clerk secret key (RedactorOptions.KeyShapes).
var keyShapes = [...]string{"sk_live_", "sk_test_"}

// Redactor blanks a secret key out of text that came from elsewhere: a proxy or a wrong
// CLERK_API_URL may echo the Authorization header into an answer, and a program may
// quote that answer in what it writes. It recognises the key as sent, in any letter case,
// each character possibly percent-encoded (%73, %6b) or JSON-escaped (\u0073, \/), with
// line breaks, spaces or their escapes (\n, %0A, \r\n, folding) between any two characters
// (at most eight in a row), so "Bearer " before it is kept and the key is not. A Client
// has one for its own key and applies it to every error before a caller sees it; a
// program that writes what it was told (a log, a server's output) can apply its own.
// A Redactor is safe for concurrent use.
type Redactor struct {
	key      string    // lower case; "" when only shapes are redacted
	start    [256]bool // bytes that can begin an echo
	first    [256]bool // the first character of an echo, decoded and lower case
	second   [256]bool // alphanumeric bytes that can follow the first character of one
	span     int       // the longest text one echo of the key can take outside JSON text
	mark     string
	shapes   bool
	jsonText bool
}

// RedactorOptions adjust a Redactor; the zero value is what a Client uses.
type RedactorOptions struct {
	// Mark replaces each echo; "" means "[secret key]".
	Mark string
	// KeyShapes also blanks anything shaped like a Clerk secret key, sk_live_ or sk_test_
	// then letters, digits or underscores in any case and spelling, whoever's key it is.
	KeyShapes bool
	// JSONText says the text is JSON as a program writes it, where a JSON document may sit
	// inside a string: an escape of an escape (\\u0073, \\n) counts as the one character
	// it finally spells, and each replacement covers whole escapes, so valid JSON stays
	// valid.
	JSONText bool
}

// NewRedactor returns a Redactor for key. A key shorter than two characters is not
// looked for (a Client refuses such keys): only KeyShapes, if set, is applied.
func NewRedactor(key string, opts RedactorOptions) *Redactor {
	r := &Redactor{mark: opts.Mark, shapes: opts.KeyShapes, jsonText: opts.JSONText}
	if r.mark == "" {
		r.mark = secretKeyMark
	}
	if len(key) >= 2 {
		r.key = strings.ToLower(key)
		r.start[r.key[0]], r.start[upper(r.key[0])], r.second[r.key[1]], r.second[upper(r.key[1])] = true, true, true, true
		r.first[r.key[0]] = true
		r.span = len(key)*scrubUnitMax + (len(key)-1)*scrubGapMax*scrubUnitMax
	}
	if r.shapes {
		r.start['s'], r.start['S'], r.first['s'], r.second['k'], r.second['K'] = true, true, true, true, true
	}
	if r.key != "" || r.shapes {
		r.start['%'], r.start['\\'] = true, true
	}
	return r
}

// String returns text with every echo of the key replaced by the mark. It allocates only
// when it finds one.
func (r *Redactor) String(text string) string {
	out, found := redactAppend(r, nil, text)
	if !found {
		return text
	}
	return string(out)
}

// Bytes returns text with every echo of the key replaced by the mark: text itself, not a
// copy, when there is none.
func (r *Redactor) Bytes(text []byte) []byte {
	out, found := redactAppend(r, nil, text)
	if !found {
		return text
	}
	return out
}

// redactAppend appends text, redacted, to dst; found says whether it redacted anything.
// It appends nothing when found is false.
func redactAppend[T ~string | ~[]byte](r *Redactor, dst []byte, text T) (out []byte, found bool) {
	last := 0
	start := &r.start
	for i := 0; i < len(text); {
		for i < len(text) && !start[text[i]] {
			i++ // most bytes: a tight loop
		}
		if i == len(text) {
			break
		}
		if i+1 < len(text) && isAlnum(text[i]) && isAlnum(text[i+1]) && !r.second[text[i+1]] {
			i++ // the common miss, decided without a call: no spelling of a gap or escape is alphanumeric
			continue
		}
		c, n, _ := unitAt(text, i, r.jsonText)
		if !r.first[c] {
			i += step(r, n) // most escapes (\" in JSON text) end here, at one decoding
			continue
		}
		if end := matchAt(r, text, i); end > 0 {
			if !found {
				dst = slices.Grow(dst, len(text)+len(r.mark))
			}
			dst = append(append(dst, text[last:i]...), r.mark...)
			i, last, found = end, end, true
			continue
		}
		i += step(r, n)
	}
	if !found {
		return dst, false
	}
	return append(dst, text[last:]...), true
}

// step is how far the scan moves past a miss at a character spelt in n bytes: one byte,
// or in JSON text the whole spelling, so that no replacement begins inside an escape.
func step(r *Redactor, n int) int {
	if !r.jsonText {
		return 1
	}
	return n
}

// matchAt returns the end of the echo of the key, or of a key's shape, that begins at
// text[i], or 0.
func matchAt[T ~string | ~[]byte](r *Redactor, text T, i int) int {
	end := 0
	if r.key != "" {
		end = matchKey(r, text, i)
	}
	if r.shapes {
		end = max(end, matchShape(r, text, i))
	}
	return end
}

// matchKey returns the end of the key that begins at text[i], or 0.
func matchKey[T ~string | ~[]byte](r *Redactor, text T, i int) int {
	for k := 0; k < len(r.key); k++ {
		c, n, gap := unitAt(text, i, r.jsonText)
		for g := 0; k > 0 && gap && g < scrubGapMax; g++ {
			i += n
			c, n, gap = unitAt(text, i, r.jsonText)
		}
		if n == 0 || gap || c != r.key[k] {
			return 0
		}
		i += n
	}
	return i
}

// matchShape returns the end of a key-shaped run (a prefix of keyShapes, then at least one
// letter, digit or underscore) that begins at text[i], or 0.
func matchShape[T ~string | ~[]byte](r *Redactor, text T, i int) int {
	for _, prefix := range keyShapes {
		j, k := i, 0
		for ; k < len(prefix); k++ {
			c, n, _ := unitAt(text, j, r.jsonText)
			if n == 0 || c != prefix[k] {
				break
			}
			j += n
		}
		if k < len(prefix) {
			continue
		}
		end := 0
		for {
			c, n, _ := unitAt(text, j, r.jsonText)
			if n == 0 || !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				return end
			}
			j += n
			end = j
		}
	}
	return 0
}

// unitAt decodes the character that text[i:] spells: c, lower-cased; n, how many bytes
// spell it (0 at the end of text); gap, whether it is a line break or a space that may
// split the key. A character is itself, %XX, \u00XX (\U00XX), or for punctuation \c; \n,
// \r and \t are gaps. In JSON text (nested) a run of backslashes escapes once more for
// each level of JSON it sits in, and a run before no escape is an escaped backslash.
func unitAt[T ~string | ~[]byte](text T, i int, nested bool) (c byte, n int, gap bool) {
	if i >= len(text) {
		return 0, 0, false
	}
	c, n = text[i], 1
	switch c {
	case '%':
		if i+3 <= len(text) {
			if v, ok := hexByte(text[i+1], text[i+2]); ok {
				c, n = v, 3
			}
		}
	case '\\':
		j := i + 1
		for nested && j < len(text) && text[j] == '\\' {
			j++
		}
		switch {
		case j >= len(text):
		case text[j] == 'n' || text[j] == 'r' || text[j] == 't':
			c, n = ' ', j+1-i
		case (text[j] == 'u' || text[j] == 'U') && j+5 <= len(text) && text[j+1] == '0' && text[j+2] == '0':
			if v, ok := hexByte(text[j+3], text[j+4]); ok {
				c, n = v, j+5-i
			} else if j > i+1 {
				n = 2
			}
		case j > i+1:
			n = 2 // an escaped backslash before something else
		case !isAlnum(text[j]):
			c, n = text[j], 2
		}
	}
	switch c {
	case ' ', '\t', '\r', '\n', '+':
		return ' ', n, true
	}
	return lower(c), n, false
}

func hexByte(hi, lo byte) (byte, bool) {
	h, ok1 := hexDigit(hi)
	l, ok2 := hexDigit(lo)
	return h<<4 | l, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// json returns raw (valid JSON) with the key scrubbed from every string, keys included,
// at any depth: the decoded strings are what is checked, since a server may have escaped
// the key once more than the raw text shows. It returns raw itself when nothing changes.
func (r *Redactor) json(raw []byte) []byte {
	v := gjson.ParseBytes(raw)
	if !r.inJSON(v, 0) {
		return raw
	}
	return r.appendJSON(nil, v, 0)
}

// inJSON reports whether any string in v, keys included, holds an echo of the key.
func (r *Redactor) inJSON(v gjson.Result, depth int) bool {
	switch {
	case depth > maxJSONDepth:
		return r.String(v.Raw) != v.Raw
	case v.Type == gjson.String:
		return r.String(v.Raw) != v.Raw || r.String(v.Str) != v.Str
	case !v.IsObject() && !v.IsArray():
		return false
	}
	found := false
	v.ForEach(func(k, e gjson.Result) bool {
		found = r.String(k.Str) != k.Str || r.inJSON(e, depth+1)
		return !found
	})
	return found
}

func (r *Redactor) appendJSON(b []byte, v gjson.Result, depth int) []byte {
	switch {
	case depth > maxJSONDepth && (v.IsObject() || v.IsArray()):
		// The decoder refuses deeper answers; this only bounds the recursion whatever the caller.
		return appendJSONString(b, r.String(v.Raw))
	case v.IsObject(), v.IsArray():
		open, end := byte('['), byte(']')
		if v.IsObject() {
			open, end = '{', '}'
		}
		b = append(b, open)
		first := true
		v.ForEach(func(k, e gjson.Result) bool {
			if !first {
				b = append(b, ',')
			}
			first = false
			if open == '{' {
				b = appendJSONString(b, r.String(k.Str))
				b = append(b, ':')
			}
			b = r.appendJSON(b, e, depth+1)
			return true
		})
		return append(b, end)
	case v.Type == gjson.String:
		return appendJSONString(b, r.String(v.Str))
	}
	return append(b, v.Raw...)
}

// errorFields scrubs every string an error of the decoder holds. It is the one place
// where what an answer said is cleaned before any caller sees it.
func (r *Redactor) errorFields(err error) {
	switch e := err.(type) {
	case *ClerkErrors:
		for i := range e.Errors {
			ce := &e.Errors[i]
			ce.Code, ce.Message, ce.LongMessage = r.String(ce.Code), r.String(ce.Message), r.String(ce.LongMessage)
			if ce.Meta != nil {
				ce.Meta = r.json(ce.Meta)
			}
		}
		e.TraceID = r.String(e.TraceID)
	case *SDKError:
		e.ContentType, e.Reason, e.Body, e.TraceID = r.String(e.ContentType), r.String(e.Reason), r.String(e.Body), r.String(e.TraceID)
	}
}

// error returns err unchanged when its text holds no echo of the key. Otherwise it
// returns an error with the scrubbed text that answers errors.Is as err did for the
// sentinels that decide retries and describe timeouts, and holds nothing else of err:
// every error in its chain may quote the key.
func (r *Redactor) error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := r.String(msg)
	if clean == msg {
		return err
	}
	e := &scrubbedError{msg: clean}
	for _, target := range keptSentinels {
		if errors.Is(err, target) {
			e.is = append(e.is, target)
		}
	}
	return e
}

type scrubbedError struct {
	msg string
	is  []error // the sentinels errors.Is found in the original error
}

// keptSentinels are what the client and its callers ask errors.Is of a transport's error.
var keptSentinels = []error{ErrRequestNotSent, context.DeadlineExceeded, context.Canceled}

func (e *scrubbedError) Error() string { return e.msg }

// Is reports the sentinels the original error matched.
func (e *scrubbedError) Is(target error) bool {
	for _, t := range e.is {
		if t == target {
			return true
		}
	}
	return false
}
