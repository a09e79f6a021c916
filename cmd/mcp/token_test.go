package main

import (
	"encoding/json"
	"maps"
	"reflect"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// TestTokenOutHasTheCoreShape holds tokenOut (the tools' structuredContent, and with it
// their outputSchema) to the core's one writer of the token's JSON: the same names and
// values, except that where the core writes null (a revoke's url) the tool leaves the
// member out, as its schema's string types require.
func TestTokenOutHasTheCoreShape(t *testing.T) {
	for _, tok := range []clerkmini.SignInToken{
		{Object: "sign_in_token", ID: "sit_1", Status: "pending", UserID: "user_1", Token: "eyJ.a.b", URL: "https://x/?t=eyJ.a.b", CreatedAt: 1, UpdatedAt: 2},
		{Object: "sign_in_token", ID: "sit_1", Status: "revoked", UserID: "user_1", CreatedAt: 1, UpdatedAt: 3},
	} {
		var core, tool map[string]any
		if err := json.Unmarshal(tok.AppendJSON(nil), &core); err != nil {
			t.Fatal(err)
		}
		text, _ := json.Marshal(tokenOut(tok))
		if err := json.Unmarshal(text, &tool); err != nil {
			t.Fatal(err)
		}
		maps.DeleteFunc(core, func(_ string, v any) bool { return v == nil })
		if !reflect.DeepEqual(core, tool) {
			t.Errorf("the tool writes %s\nthe core writes %s", text, tok.AppendJSON(nil))
		}
	}
}
