package main

import (
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// The fast path must write what the core's escaper writes, for every byte and the
// multi-byte cases it treats apart.
func TestAppendStringMatchesTheCore(t *testing.T) {
	cases := []string{"", "sit_2aBcDeFgHiJkLmNoPqRsTuVwXyZ", "https://api.clerk.com/v1/sign_in_tokens", `{"user_id":"user_alice"}`,
		"é", "\u2028", "\u2029", "\xff", "a\xc3", "日本", "<script>&", "tab\there"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	for _, s := range cases {
		want := string(clerkmini.AppendJSONString([]byte("x"), s))
		if got := string(appendString([]byte("x"), s)); got != want {
			t.Errorf("appendString(%q) = %s, the core writes %s", s, got, want)
		}
	}
}
