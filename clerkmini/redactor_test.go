package clerkmini_test

import (
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// TestRedactorOptions: the options add to the forms above, never take from them.
func TestRedactorOptions(t *testing.T) {
	plain := clerkmini.NewRedactor(testKey, clerkmini.RedactorOptions{})
	lines := clerkmini.NewRedactor(testKey, clerkmini.RedactorOptions{Mark: "[k]", KeyShapes: true, JSONText: true})
	for _, tc := range []struct{ in, plain, lines string }{
		{"a " + testKey, "a [secret key]", "a [k]"},
		// A key that is not this one is redacted only by its shape, in every spelling.
		{"sk_live_Other9 SK_TEST_x %73k_test_y", "sk_live_Other9 SK_TEST_x %73k_test_y", "[k] [k] [k]"},
		{"sk_test_ pk_test_abc", "sk_test_ pk_test_abc", "sk_test_ pk_test_abc"},
		// In JSON text an escaped escape is one character: the replacement takes it whole.
		{`\\u0073` + testKey[1:], `\[secret key]`, "[k]"},
		{`"\\\\\\u0073` + testKey[1:] + `"`, `"\\\\\[secret key]"`, `"[k]"`},
		{testKey[:9] + `\\n` + testKey[9:], testKey[:9] + `\\n` + testKey[9:], "[k]"},
		{`\\"` + testKey, `\\"[secret key]`, `\\"[k]`},
	} {
		if got := plain.String(tc.in); got != tc.plain {
			t.Errorf("plain.String(%q) = %q, want %q", tc.in, got, tc.plain)
		}
		if got := string(lines.Bytes([]byte(tc.in))); got != tc.lines {
			t.Errorf("lines.Bytes(%q) = %q, want %q", tc.in, got, tc.lines)
		}
	}
}
