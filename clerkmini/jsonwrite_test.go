package clerkmini_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// FuzzJSONString checks the hand-written JSON string encoder against encoding/json,
// byte for byte: same escapes, same replacement of invalid UTF-8.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{
		"", "user_2abc", `quote " and \ backslash`, "ctrl \x00\x01\x1f\x7f", "\b\f\n\r\t",
		"<script>&amp;</script>", "\u2028\u2029", "bad \xff\xfe utf8", "half \xe2\x82", "é 日本 🙂",
		"\xed\xa0\x80 surrogate", "\U0010FFFF",
	} {
		f.Add(s)
	}
	for c := 0; c < 256; c++ { // every byte, alone and between plain ones
		f.Add(string([]byte{byte(c)}))
		f.Add("a" + string([]byte{byte(c)}) + "b")
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got := clerkmini.AppendJSONString(nil, s)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q)\n got %s\nwant %s", s, got, want)
		}
	})
}
