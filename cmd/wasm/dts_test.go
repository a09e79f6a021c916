package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// TestTypeScriptTokenHasTheCoreShape holds web/clerkmini.d.ts's SignInToken to the DONE
// payload, the core's one writer of the token's JSON: every member but "object" (which
// the loader drops) under its camelCase name, typed "| null" exactly where the core
// writes null for a token without its credential.
func TestTypeScriptTokenHasTheCoreShape(t *testing.T) {
	dts, err := os.ReadFile("../../web/clerkmini.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	body := regexp.MustCompile(`(?s)export interface SignInToken \{(.*?)\n\}`).FindSubmatch(dts)
	if body == nil {
		t.Fatal("web/clerkmini.d.ts declares no SignInToken")
	}
	declared := map[string]string{} // name: type
	for _, m := range regexp.MustCompile(`(?m)^\s+(\w+)\??: ([^;]+);`).FindAllSubmatch(body[1], -1) {
		declared[string(m[1])] = string(m[2])
	}
	var written map[string]any
	bare := clerkmini.SignInToken{Object: "sign_in_token", ID: "sit_1", Status: "revoked", UserID: "user_1", CreatedAt: 1, UpdatedAt: 2}
	full := bare
	full.Token, full.URL = "eyJ.a.b", "https://x/?t=eyJ.a.b"
	if err := json.Unmarshal(full.AppendJSON(nil), &written); err != nil {
		t.Fatal(err)
	}
	var withoutCredential map[string]any
	if err := json.Unmarshal(bare.AppendJSON(nil), &withoutCredential); err != nil {
		t.Fatal(err)
	}
	delete(written, "object")
	for name := range written {
		camel := regexp.MustCompile(`_([a-z])`).ReplaceAllStringFunc(name, func(s string) string { return strings.ToUpper(s[1:]) })
		typ, ok := declared[camel]
		if !ok {
			t.Errorf("the DONE payload's %q is not declared as %q", name, camel)
			continue
		}
		delete(declared, camel)
		v, present := withoutCredential[name]
		if nullable := present && v == nil; nullable != strings.HasSuffix(typ, "| null") {
			t.Errorf("%s: declared %q, but the core writes it null: %v", camel, typ, nullable)
		}
	}
	for camel := range declared {
		t.Errorf("SignInToken declares %q, which the DONE payload does not carry", camel)
	}
}
