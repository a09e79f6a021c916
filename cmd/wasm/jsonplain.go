package main

import "github.com/clerkmini/clerkmini/clerkmini"

// plainByte marks the bytes that no JSON writer escapes: printable ASCII but for `"`, `\`
// and the HTML-unsafe `<`, `>`, `&`.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString appends s as a JSON string exactly as clerkmini.AppendJSONString does (the
// test holds them equal), copying it whole when no byte needs a second look: ids, URLs,
// the key and the token are plain ASCII, and a byte-by-byte escape of them was a tenth
// of a call's cost in the module.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return clerkmini.AppendJSONString(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
