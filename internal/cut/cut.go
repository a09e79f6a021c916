// Package cut holds the one rule by which a text is shortened to a byte budget: at a
// character boundary, so that what is kept stays as valid as what was given. The core's
// error texts, the MCP server's results and log previews, and the sandbox's refusals all
// cut with it. It depends on unicode/utf8 only, so the core can use it under TinyGo and
// in wasm.
package cut

import "unicode/utf8"

// Prefix returns the longest start of s of at most n bytes that does not end inside a
// character: s itself when it fits, "" when n <= 0. Only a valid character is kept
// whole; invalid bytes are cut anywhere, as they are no character to split.
func Prefix(s string, n int) string {
	switch {
	case len(s) <= n:
		return s
	case n <= 0:
		return ""
	case utf8.RuneStart(s[n]):
		return s[:n] // no valid character runs on past a byte that can start one
	}
	// A character that holds byte n starts at most UTFMax-1 bytes before it.
	for i := n - 1; i >= 0 && i > n-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			if _, size := utf8.DecodeRuneInString(s[i:]); i+size > n {
				return s[:i]
			}
			break
		}
	}
	return s[:n]
}

// Preview returns s when it fits in n bytes; otherwise Prefix(s, n) and "…", which
// tells the reader that the rest was cut (it adds 3 bytes to the n).
func Preview(s string, n int) string {
	if p := Prefix(s, n); len(p) < len(s) {
		return p + "…"
	}
	return s
}
