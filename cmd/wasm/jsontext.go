//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonText builds the JSON text of a flat object for the loader's JSON.parse. Results
// cross to JavaScript as one string, not as an object filled field by field: every value
// Go hands JavaScript is a reference with a finalizer, which costs more than the call.
type jsonText struct{ b []byte }

func (j *jsonText) key(k string) {
	if len(j.b) == 0 {
		j.b = append(j.b, '{')
	} else {
		j.b = append(j.b, ',')
	}
	j.b = appendJSONString(j.b, k)
	j.b = append(j.b, ':')
}

func (j *jsonText) str(k, v string) { j.key(k); j.b = appendJSONString(j.b, v) }

func (j *jsonText) num(k string, v int64) { j.key(k); j.b = strconv.AppendInt(j.b, v, 10) }

func (j *jsonText) float(k string, v float64) {
	j.key(k)
	j.b = strconv.AppendFloat(j.b, v, 'f', -1, 64)
}

func (j *jsonText) boolean(k string, v bool) { j.key(k); j.b = strconv.AppendBool(j.b, v) }

func (j *jsonText) null(k string) { j.key(k); j.b = append(j.b, "null"...) }

// raw adds v, which must be JSON text already (an array of objects built by jsonText).
func (j *jsonText) raw(k, v string) { j.key(k); j.b = append(j.b, v...) }

func (j *jsonText) String() string {
	if len(j.b) == 0 {
		return "{}"
	}
	return string(append(j.b, '}'))
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control characters
// escaped, invalid UTF-8 replaced by U+FFFD. JSON.parse is its only reader.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xF])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}
