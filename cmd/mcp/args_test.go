package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTruncateKeepsWholeCharacters: a preview quoted back to the model or into a log
// line never ends in half a character, wherever the cut falls.
func TestTruncateKeepsWholeCharacters(t *testing.T) {
	s := strings.Repeat("é", 40) // 2 bytes each: every odd cut falls inside one
	for n := 1; n < len(s); n++ {
		got := truncate(s, n)
		if !utf8.ValidString(got) || len(strings.TrimSuffix(got, "…")) > n {
			t.Fatalf("truncate(…, %d) = %q", n, got)
		}
	}
	if got := truncate("short", 32); got != "short" {
		t.Errorf("a short value changed: %q", got)
	}
}
