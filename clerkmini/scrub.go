package clerkmini

import (
	"context"
	"errors"
	"strings"

	"github.com/tidwall/gjson"
)

// secretKeyMark replaces the secret key wherever an answer echoes it.
const secretKeyMark = "[secret key]"

// Bounds of what a scrubber recognises as one echo of the key.
const (
	scrubGapMax  = 8 // line-break or space units allowed between two characters of the key
	scrubUnitMax = 6 // the longest spelling of one character: \u00XX
)

// scrubber blanks the secret key out of text that came from upstream: a proxy or a
// wrong CLERK_API_URL may echo the Authorization header into an answer. It recognises
// the key as sent, in any letter case, each character possibly percent-encoded (%73, %6b)
// or JSON-escaped (\u0073, \/), with line breaks, spaces or their escapes (\n, %0A,
// \r\n, folding) between any two characters. It is built once per Client.
type scrubber struct {
	key   string    // lower case
	start [256]bool // bytes that can begin an echo
	span  int       // the longest text one echo can take
}

func newScrubber(key string) *scrubber {
	s := &scrubber{key: strings.ToLower(key)}
	if len(key) < 2 {
		return s // New refuses such keys; string relies on two characters
	}
	s.start[s.key[0]], s.start[upper(s.key[0])], s.start['%'], s.start['\\'] = true, true, true, true
	s.span = len(key)*scrubUnitMax + (len(key)-1)*scrubGapMax*scrubUnitMax
	return s
}

// string returns text with every echo of the key replaced by secretKeyMark. It
// allocates only when it finds one.
func (s *scrubber) string(text string) string {
	if s.span == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); i++ {
		if !s.start[text[i]] {
			continue
		}
		if i+1 < len(text) && isAlnum(text[i]) && isAlnum(text[i+1]) && lower(text[i+1]) != s.key[1] {
			continue // the common miss, decided without a call: no spelling of a gap or escape is alphanumeric
		}
		end := s.matchAt(text, i)
		if end < 0 {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(text))
		}
		b.WriteString(text[last:i])
		b.WriteString(secretKeyMark)
		last, i = end, end-1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// matchAt returns the end of the echo of the key that begins at text[i], or -1.
func (s *scrubber) matchAt(text string, i int) int {
	for k := 0; k < len(s.key); k++ {
		if k > 0 {
			for g := 0; g < scrubGapMax; g++ {
				n := gapUnit(text, i)
				if n == 0 {
					break
				}
				i += n
			}
		}
		n := charUnit(text, i, s.key[k])
		if n == 0 {
			return -1
		}
		i += n
	}
	return i
}

// charUnit returns the length of the spelling of c (lower case) at text[i]: c in either
// case, %XX, \u00XX or, for punctuation, \c; 0 when there is none.
func charUnit(text string, i int, c byte) int {
	if i >= len(text) {
		return 0
	}
	if b, n := escaped(text, i); n > 0 && lower(b) == c {
		return n
	}
	if i+1 < len(text) && text[i] == '\\' && text[i+1] == c && !isAlnum(c) {
		return 2
	}
	if lower(text[i]) == c {
		return 1
	}
	return 0
}

// gapUnit returns the length of a line break or space at text[i], raw or escaped, or 0.
func gapUnit(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	switch text[i] {
	case ' ', '\t', '\r', '\n', '+':
		return 1
	case '\\':
		if i+1 < len(text) && (text[i+1] == 'n' || text[i+1] == 'r' || text[i+1] == 't') {
			return 2
		}
	}
	if b, n := escaped(text, i); n > 0 && (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
		return n
	}
	return 0
}

// escaped decodes %XX or \u00XX at text[i]; n is 0 when there is neither.
func escaped(text string, i int) (b byte, n int) {
	switch {
	case text[i] == '%' && i+3 <= len(text):
		if v, ok := hexByte(text[i+1], text[i+2]); ok {
			return v, 3
		}
	case text[i] == '\\' && i+6 <= len(text) && (text[i+1] == 'u' || text[i+1] == 'U') && text[i+2] == '0' && text[i+3] == '0':
		if v, ok := hexByte(text[i+4], text[i+5]); ok {
			return v, 6
		}
	}
	return 0, 0
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
func (s *scrubber) json(raw []byte) []byte {
	v := gjson.ParseBytes(raw)
	if !s.inJSON(v, 0) {
		return raw
	}
	return s.appendJSON(nil, v, 0)
}

// inJSON reports whether any string in v, keys included, holds an echo of the key.
func (s *scrubber) inJSON(v gjson.Result, depth int) bool {
	switch {
	case depth > maxJSONDepth:
		return s.string(v.Raw) != v.Raw
	case v.Type == gjson.String:
		return s.string(v.Raw) != v.Raw || s.string(v.Str) != v.Str
	case !v.IsObject() && !v.IsArray():
		return false
	}
	found := false
	v.ForEach(func(k, e gjson.Result) bool {
		found = s.string(k.Str) != k.Str || s.inJSON(e, depth+1)
		return !found
	})
	return found
}

func (s *scrubber) appendJSON(b []byte, v gjson.Result, depth int) []byte {
	switch {
	case depth > maxJSONDepth && (v.IsObject() || v.IsArray()):
		// The decoder refuses deeper answers; this only bounds the recursion whatever the caller.
		return appendJSONString(b, s.string(v.Raw))
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
				b = appendJSONString(b, s.string(k.Str))
				b = append(b, ':')
			}
			b = s.appendJSON(b, e, depth+1)
			return true
		})
		return append(b, end)
	case v.Type == gjson.String:
		return appendJSONString(b, s.string(v.Str))
	}
	return append(b, v.Raw...)
}

// errorFields scrubs every string an error of the decoder holds. It is the one place
// where what an answer said is cleaned before any caller sees it.
func (s *scrubber) errorFields(err error) {
	switch e := err.(type) {
	case *ClerkErrors:
		for i := range e.Errors {
			ce := &e.Errors[i]
			ce.Code, ce.Message, ce.LongMessage = s.string(ce.Code), s.string(ce.Message), s.string(ce.LongMessage)
			if ce.Meta != nil {
				ce.Meta = s.json(ce.Meta)
			}
		}
		e.TraceID = s.string(e.TraceID)
	case *SDKError:
		e.ContentType, e.Reason, e.Body, e.TraceID = s.string(e.ContentType), s.string(e.Reason), s.string(e.Body), s.string(e.TraceID)
	}
}

// error returns err unchanged when its text holds no echo of the key. Otherwise it
// returns an error with the scrubbed text that answers errors.Is as err did for the
// sentinels that decide retries and describe timeouts, and holds nothing else of err:
// every error in its chain may quote the key.
func (s *scrubber) error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := s.string(msg)
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
