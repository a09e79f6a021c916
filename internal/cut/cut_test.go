package cut_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clerkmini/clerkmini/internal/cut"
)

// cases are what a function of cut should return for s and n.
type cases []struct {
	s    string
	n    int
	want string
}

func (cs cases) check(t *testing.T, name string, f func(string, int) string) {
	t.Helper()
	for _, c := range cs {
		if got := f(c.s, c.n); got != c.want {
			t.Errorf("%s(%q, %d) = %q, want %q", name, c.s, c.n, got, c.want)
		}
	}
}

func TestPrefixNeverEndsInHalfACharacter(t *testing.T) {
	const four = "\U0001F600" // 😀, 4 bytes: F0 9F 98 80
	cases{
		{"", 0, ""},
		{"abc", 0, ""},
		{"abc", -1, ""},
		{"abc", 3, "abc"},
		{"abc", 10, "abc"},
		{"abc", 2, "ab"},
		{"aé", 1, "a"},  // before the 2-byte é
		{"aé", 2, "a"},  // inside é
		{"aé", 3, "aé"}, // after it: fits
		{"éé", 3, "é"},
		{"a€b", 2, "a"}, // € is 3 bytes: each cut inside it drops it
		{"a€b", 3, "a"},
		{"a€b", 4, "a€"},
		{four, 0, ""},
		{four, 1, ""},
		{four, 2, ""},
		{four, 3, ""},
		{"x" + four + "y", 3, "x"}, // n in the middle of the 4-byte character
		{"x" + four + "y", 4, "x"},
		{"x" + four + "y", 5, "x" + four},
		{"ab" + four, 5, "ab"},
		// Invalid bytes are no character: the cut falls at n, whatever they are.
		{"a\x80\x80\x80\x80\x80", 4, "a\x80\x80\x80"},
		{"a\xff\xffb", 2, "a\xff"},
		{"ab\xf0\x9f", 3, "ab\xf0"}, // a character's start with no end is no character
	}.check(t, "Prefix", cut.Prefix)
}

// Every cut of a valid text is valid and as long as the budget allows.
func TestPrefixOfValidTextIsValidAndLongest(t *testing.T) {
	s := "aé€\U0001F600b\U0001F600€éa"
	for n := range len(s) + 2 {
		got := cut.Prefix(s, n)
		if !utf8.ValidString(got) || len(got) > n || !strings.HasPrefix(s, got) {
			t.Fatalf("Prefix(%q, %d) = %q", s, n, got)
		}
		if len(got) < n && len(got) < len(s) {
			if _, size := utf8.DecodeRuneInString(s[len(got):]); len(got)+size <= n {
				t.Fatalf("Prefix(%q, %d) = %q: the next character fits too", s, n, got)
			}
		}
	}
}

func TestPreviewMarksACut(t *testing.T) {
	cases{
		{"short", 32, "short"},
		{"short", 5, "short"},
		{"shorter", 5, "short…"},
		{"x\U0001F600y", 2, "x…"},
		{"abc", 0, "…"},
	}.check(t, "Preview", cut.Preview)
}
