//go:build wasip1 || tinygo

package main

import (
	"strconv"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// jsonText builds the JSON text of an object, the form every payload the module gives
// its host takes (a host parses it with its own JSON reader), without encoding/json.
// Strings are written as encoding/json writes them (invalid UTF-8 replaced), so any JSON
// reader takes them.
// A jsonText may start on a buffer that holds text already (an enclosing object's): it
// writes after it.
type jsonText struct {
	b       []byte
	members int
}

// key starts a member. Names are the module's own (its payloads' field names, the core's
// header names) and need no escaping, so they are copied as they are; escaping them byte
// by byte was a tenth of a call's cost. Not inlined: Go's compiler would copy it into
// every payload writer, 8 KB more of the Go module.
//
//go:noinline
func (j *jsonText) key(k string) {
	if j.members == 0 {
		j.b = append(j.b, '{', '"')
	} else {
		j.b = append(j.b, ',', '"')
	}
	j.members++
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':')
}

func (j *jsonText) str(k, v string) { j.key(k); j.b = clerkmini.AppendJSONString(j.b, v) }

func (j *jsonText) num(k string, v int64) { j.key(k); j.b = strconv.AppendInt(j.b, v, 10) }

func (j *jsonText) boolean(k string, v bool) { j.key(k); j.b = strconv.AppendBool(j.b, v) }

// raw adds v, which must be valid JSON text already.
func (j *jsonText) raw(k string, v []byte) { j.key(k); j.b = append(j.b, v...) }

// bytes closes the object and returns the buffer with its text, which shares j's.
func (j *jsonText) bytes() []byte {
	if j.members == 0 {
		j.b = append(j.b, '{')
	}
	return append(j.b, '}')
}
