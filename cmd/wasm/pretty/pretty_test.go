package pretty

import (
	"strings"
	"testing"
)

// The wants were printed by github.com/tidwall/pretty v1.3.0, the module this one stands in for.
var cases = []struct {
	in, def, tabs, narrow, ugly string
}{
	{`{}`, "{ }\n", ">{}\n", "{ }\n", "{}"},
	{`[]`, "[]\n", ">[]\n", "[]\n", "[]"},
	{`{"a":[]}`, "{ \"a\": [] }\n", ">{\n>\t\"a\": []\n>}\n", "{ \"a\": [] }\n", "{\"a\":[]}"},
	{`[1,2,{"b":{}}]`, "[1, 2, { \"b\": { } }]\n", ">[\n>\t1,\n>\t2,\n>\t{\n>\t\t\"b\": {}\n>\t}\n>]\n",
		"[\n  1,\n  2,\n  {\n    \"b\": {}\n  }\n]\n", "[1,2,{\"b\":{}}]"},
	{`{"b":1,"a":{"d":[1,2,3],"c":"x\"y"}}`, "{ \"b\": 1, \"a\": { \"d\": [1, 2, 3], \"c\": \"x\\\"y\" } }\n",
		">{\n>\t\"a\": {\n>\t\t\"c\": \"x\\\"y\",\n>\t\t\"d\": [\n>\t\t\t1,\n>\t\t\t2,\n>\t\t\t3\n>\t\t]\n>\t},\n>\t\"b\": 1\n>}\n",
		"{\n  \"a\": {\n    \"c\": \"x\\\"y\",\n    \"d\": [\n      1,\n      2,\n      3\n    ]\n  },\n  \"b\": 1\n}\n",
		"{\"b\":1,\"a\":{\"d\":[1,2,3],\"c\":\"x\\\"y\"}}"},
	{`  [ true , false,null ]  `, "[true, false, null]\n", ">[\n>\ttrue,\n>\tfalse,\n>\tnull\n>]\n",
		"[\n  true,\n  false,\n  null\n]\n", "[true,false,null]"},
	{`{"long":"` + strings.Repeat("a", 88) + `","n":[1,2]}`,
		"{\n  \"long\": \"" + strings.Repeat("a", 88) + "\",\n  \"n\": [1, 2]\n}\n",
		">{\n>\t\"long\": \"" + strings.Repeat("a", 88) + "\",\n>\t\"n\": [\n>\t\t1,\n>\t\t2\n>\t]\n>}\n",
		"{\n  \"long\": \"" + strings.Repeat("a", 88) + "\",\n  \"n\": [\n    1,\n    2\n  ]\n}\n",
		`{"long":"` + strings.Repeat("a", 88) + `","n":[1,2]}`},
}

func TestSameOutputAsTidwallPretty(t *testing.T) {
	tabs := &Options{Width: 0, Indent: "\t", Prefix: ">", SortKeys: true}
	narrow := &Options{Width: 12, Indent: "  ", SortKeys: true}
	for _, c := range cases {
		if got := string(Pretty([]byte(c.in))); got != c.def {
			t.Errorf("Pretty(%s)\n got %q\nwant %q", c.in, got, c.def)
		}
		if got := string(PrettyOptions([]byte(c.in), tabs)); got != c.tabs {
			t.Errorf("PrettyOptions(%s, tabs)\n got %q\nwant %q", c.in, got, c.tabs)
		}
		if got := string(PrettyOptions([]byte(c.in), narrow)); got != c.narrow {
			t.Errorf("PrettyOptions(%s, narrow)\n got %q\nwant %q", c.in, got, c.narrow)
		}
		if got := string(Ugly([]byte(c.in))); got != c.ugly {
			t.Errorf("Ugly(%s) = %q, want %q", c.in, got, c.ugly)
		}
	}
}

func TestSortKeysUnescapes(t *testing.T) {
	// "\u0061" is "a": it sorts before "b" although its raw text does not.
	got := string(PrettyOptions([]byte(`{"b":1,"\u0062a":2,"\u0061":3,"\ud83d\ude00":4}`), &Options{Indent: " ", SortKeys: true}))
	want := "{\n \"\\u0061\": 3,\n \"b\": 1,\n \"\\u0062a\": 2,\n \"\\ud83d\\ude00\": 4\n}\n"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{
		`"plain"`: "plain", `"a\"b\\c\/d"`: `a"b\c/d`, `"\n\t\r\b\f"`: "\n\t\r\b\f",
		`"\u00e9"`: "é", `"\ud83d\ude00"`: "😀", `"\ud83d"`: "\ufffd", `"\u12"`: "\ufffd12", `"x\"`: `x\`,
	} {
		if got := unquote([]byte(in)); got != want {
			t.Errorf("unquote(%s) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNeverPanics(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in)
	}
	f.Add(`{"a":`)
	f.Add(`["\`)
	f.Add(`{"a" 1 "b"}`)
	f.Fuzz(func(t *testing.T, s string) {
		Pretty([]byte(s))
		PrettyOptions([]byte(s), &Options{Width: 10, Prefix: "#", Indent: "\t", SortKeys: true})
		if u := Ugly([]byte(s)); len(u) > len(s) {
			t.Fatalf("Ugly grew %q", s)
		}
	})
}
