//go:build wasip1 || tinygo

package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonText builds the JSON text of an object, the form every payload the module gives
// its host takes (a host parses it with its own JSON reader), without encoding/json.
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

func (j *jsonText) boolean(k string, v bool) { j.key(k); j.b = strconv.AppendBool(j.b, v) }

func (j *jsonText) null(k string) { j.key(k); j.b = append(j.b, "null"...) }

// raw adds v, which must be valid JSON text already.
func (j *jsonText) raw(k string, v []byte) { j.key(k); j.b = append(j.b, v...) }

// bytes closes the object and returns its text, which shares j's buffer.
func (j *jsonText) bytes() []byte {
	if len(j.b) == 0 {
		j.b = append(j.b, '{')
	}
	return append(j.b, '}')
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control characters
// escaped, invalid UTF-8 replaced by U+FFFD, so that any JSON reader takes it.
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
