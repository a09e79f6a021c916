package clerkmini

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxIDLength bounds every id the client sends. Clerk's ids are about 30 bytes; a value
// this long is a paste error (a token where an id belongs), refused before it travels.
const MaxIDLength = 128

// checkID refuses ids that are empty, too long, not UTF-8, or hold characters that could
// change the meaning of a URL path (/ \ ? # %), a dot segment, spaces or control characters.
func checkID(field, id string) error {
	if id == "" {
		return &ValidationError{Field: field, Reason: "must not be empty"}
	}
	if len(id) > MaxIDLength {
		return &ValidationError{Field: field, Reason: "is " + strconv.Itoa(len(id)) + " bytes long; at most " + strconv.Itoa(MaxIDLength) + " are allowed (is it an id?)"}
	}
	if !utf8.ValidString(id) {
		return &ValidationError{Field: field, Reason: "is not valid UTF-8"}
	}
	if strings.Trim(id, ".") == "" || strings.Contains(id, "..") {
		return &ValidationError{Field: field, Reason: "must not be or contain a dot segment (\"..\")"}
	}
	for i, r := range id {
		var what string
		switch {
		case r == ' ' || r == '\u00a0' || r == '\u2028' || r == '\u2029':
			what = "a space"
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			what = "a control character"
		case r == '/' || r == '\\' || r == '?' || r == '#' || r == '%':
			what = "'" + string(r) + "'"
		default:
			continue
		}
		return &ValidationError{Field: field, Reason: "contains " + what + " at byte " + strconv.Itoa(i) + "; ids hold no such character"}
	}
	return nil
}

// appendPathSegment appends id percent-encoded as one URL path segment: everything but
// RFC 3986's unreserved characters is escaped, so the segment means the same to every
// proxy on the way.
func appendPathSegment(b []byte, id string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&0xF])
	}
	return b
}
