//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"
)

func TestJSONTextRoundTripsThroughJSONParse(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "tab\tnl\nnul\x00del\x7f", "é 😀 \u2028\u2029", "bad \xff utf8", "</script>"} {
		var j jsonText
		j.str("s", s)
		j.num("n", -42)
		j.float("f", 1.5)
		j.boolean("b", true)
		j.null("z")
		got := js.Global().Get("JSON").Call("parse", j.String())
		want := s
		if s == "bad \xff utf8" {
			want = "bad \uFFFD utf8"
		}
		if got.Get("s").String() != want || got.Get("n").Int() != -42 || got.Get("f").Float() != 1.5 ||
			!got.Get("b").Bool() || !got.Get("z").IsNull() {
			t.Errorf("%q: parsed back as %v", s, js.Global().Get("JSON").Call("stringify", got))
		}
	}
	var empty jsonText
	if empty.String() != "{}" {
		t.Errorf("empty object %q", empty.String())
	}
}
