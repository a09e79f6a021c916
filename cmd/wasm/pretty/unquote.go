package pretty

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// short maps the letter of a one-letter escape to the control byte it stands for.
var short = [256]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unquote returns the text of a JSON string literal (quotes included), for ordering keys:
// what tidwall/pretty used encoding/json for.
func unquote(s []byte) string {
	if len(s) < 2 {
		return string(s)
	}
	s = s[1 : len(s)-1]
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch c := s[i]; {
		case short[c] != 0:
			out = append(out, short[c])
		case c == 'u':
			r, n := hexRune(s[i+1:])
			if utf16.IsSurrogate(r) && n == 4 && len(s) >= i+11 && s[i+5] == '\\' && s[i+6] == 'u' {
				if r2, m := hexRune(s[i+7:]); m == 4 {
					if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
						r, n = pair, 10
					}
				}
			}
			out = utf8.AppendRune(out, r)
			i += n
		default: // \" \\ \/ and anything else: the character itself
			out = append(out, c)
		}
	}
	return string(out)
}

// hexRune reads up to four hex digits; a short or bad escape gives U+FFFD.
func hexRune(s []byte) (rune, int) {
	if len(s) < 4 {
		return utf8.RuneError, 0
	}
	n, err := strconv.ParseUint(string(s[:4]), 16, 32)
	if err != nil {
		return utf8.RuneError, 0
	}
	return rune(n), 4
}
