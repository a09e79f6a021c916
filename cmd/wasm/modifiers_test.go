package main

import (
	"testing"

	"github.com/tidwall/gjson"
)

// The module is built with ./pretty in place of github.com/tidwall/pretty (go.work):
// gjson's modifiers that use it must still work there.
func TestGJSONPrettyModifiersStillWork(t *testing.T) {
	const in = `{"b":1,"a":[1,2],"c":{"d":"e"}}`
	if got := gjson.Get(in, `@pretty:{"sortKeys":true,"width":0}`).Raw; got != "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": 1,\n  \"c\": {\n    \"d\": \"e\"\n  }\n}\n" {
		t.Errorf("@pretty = %q", got)
	}
	if got := gjson.Get("{ \"a\" : [ 1 , 2 ] }", "@ugly").Raw; got != `{"a":[1,2]}` {
		t.Errorf("@ugly = %q", got)
	}
	if got := gjson.Get(in, "@pretty").Raw; got != "{ \"b\": 1, \"a\": [1, 2], \"c\": { \"d\": \"e\" } }\n" {
		t.Errorf("@pretty = %q", got)
	}
}
