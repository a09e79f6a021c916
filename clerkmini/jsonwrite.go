package clerkmini

import "unicode/utf8"

// AppendJSONString appends s to b as a JSON string, as encoding/json writes it, for code
// that writes JSON without encoding/json (the WebAssembly module's payloads). It never
// allocates beyond growing b.
func AppendJSONString(b []byte, s string) []byte { return appendJSONString(b, s) }

// plainByte marks the ASCII bytes written as they are: printable ASCII and DEL but for
// `"`, `\` and the HTML-unsafe `<`, `>`, `&`. One look-up per byte: ids, URLs, the key and
// the token are all plain, and six comparisons a byte were a tenth of a call's cost in
// the WebAssembly module.
var plainByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

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
		if c < utf8.RuneSelf {
			if plainByte[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
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
