package main

import (
	"io"
	"strings"
)

// redacted replaces a secret key in what the server writes.
const redacted = "[REDACTED secret key]"

// scrubber removes secret keys from the lines the server writes (stdout, stderr, the
// audit file), whatever put them there: anything shaped like a Clerk secret key
// (sk_live_… or sk_test_…, any case), and the configured key in every form a server
// could echo it. It works on encoded lines, so it sees through what encoding added:
// case, percent-encoding, JSON's \uXXXX escapes (once or twice encoded) and, for the
// configured key, line breaks and spaces inserted anywhere in it. It runs after the
// core's own redaction, as a second, independent layer.
type scrubber struct {
	key string // the configured key, lower-cased; "" when there is none
}

// newScrubber scrubs key too. The core accepts only keys that start with "sk_", so every
// match, of the key or of the shape, starts at an "s" followed by a "k".
func newScrubber(key string) *scrubber {
	return &scrubber{key: strings.ToLower(key)}
}

// scrub returns line with every key replaced by redacted; line itself, not a copy, when
// there is none (the common case costs no allocation). A replacement always spans whole
// escapes, so a JSON line stays valid JSON.
func (s *scrubber) scrub(line []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(line); {
		if b := line[i]; b != 's' && b != 'S' && b != '%' && b != '\\' {
			i++ // cannot start an s, nor an escape to step over whole
			continue
		}
		c, n, _ := decodeAt(line, i)
		if c == 's' && i+n < len(line) && couldBeK(line, i+n) {
			if end := max(s.matchKey(line, i), matchShape(line, i)); end > 0 {
				out = append(append(out, line[last:i]...), redacted...)
				i, last = end, end
				continue
			}
		}
		i += n
	}
	if out == nil {
		return line
	}
	return append(out, line[last:]...)
}

// couldBeK says whether the character at b[i] may continue a key after its "s": a "k",
// or a separator that may split the configured key. It spares most s's the full match.
func couldBeK(b []byte, i int) bool {
	c, _, sep := decodeAt(b, i)
	return c == 'k' || sep
}

// matchKey returns the end of the configured key starting at i, or 0. Separators (line
// breaks, spaces, in any encoding) may split it anywhere, as a server that wraps or
// sanitises a line would.
func (s *scrubber) matchKey(b []byte, i int) int {
	if s.key == "" {
		return 0
	}
	k := 0
	for i < len(b) {
		c, n, sep := decodeAt(b, i)
		if sep && k > 0 {
			i += n
			continue
		}
		if c != s.key[k] {
			return 0
		}
		i += n
		if k++; k == len(s.key) {
			return i
		}
	}
	return 0
}

// matchShape returns the end of a key-shaped run starting at i (sk_live_ or sk_test_
// then at least one letter, digit or underscore), or 0.
func matchShape(b []byte, i int) int {
	for _, prefix := range [...]string{"sk_live_", "sk_test_"} {
		j, ok := i, true
		for k := 0; k < len(prefix) && ok; k++ {
			if j >= len(b) {
				return 0
			}
			c, n, _ := decodeAt(b, j)
			ok = c == prefix[k]
			j += n
		}
		if !ok {
			continue
		}
		end := 0
		for j < len(b) {
			c, n, _ := decodeAt(b, j)
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				break
			}
			j += n
			end = j
		}
		return end
	}
	return 0
}

// decodeAt decodes the character at b[i] as the encodings of a written line spell it:
// c is lower-cased, n is how many bytes spell it, and sep says it is a separator that may
// split the configured key (a line break or a space, raw, percent-encoded or escaped).
func decodeAt(b []byte, i int) (c byte, n int, sep bool) {
	c, n = b[i], 1
	switch c {
	case '%':
		if v, ok := hexValue(b, i+1, 2); ok {
			c, n = byte(v), 3
		}
	case '\\':
		j := i + 1
		for j < len(b) && b[j] == '\\' {
			j++ // an escape of an escape: JSON text inside a JSON string, at any depth
		}
		switch {
		case j >= len(b): // a backslash at the end: itself
		case b[j] == 'n' || b[j] == 'r' || b[j] == 't':
			c, n = ' ', j+1-i
		case b[j] == 'u':
			if v, ok := hexValue(b, j+1, 4); ok && v < 0x80 {
				c, n = byte(v), j+5-i
			} else {
				c, n = 'u', j+1-i
			}
		case j > i+1:
			c, n = '\\', 2 // an escaped backslash before something else
		default:
			c, n = b[j], 2 // \" \/: one character, kept whole
		}
	}
	switch c {
	case '\n', '\r', '\t', ' ', '+':
		return ' ', n, true
	}
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c, n, false
}

func hexValue(b []byte, i, digits int) (int, bool) {
	if i+digits > len(b) {
		return 0, false
	}
	v := 0
	for _, c := range b[i : i+digits] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// scrubWriter scrubs each Write before passing it on. Every writer of this server writes
// whole lines (a JSON-RPC message, a log record, an audit record) in one Write, so no key
// is ever split across two.
type scrubWriter struct {
	w io.Writer
	s *scrubber
}

func (w *scrubWriter) Write(p []byte) (int, error) {
	if _, err := w.w.Write(w.s.scrub(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}
