package main

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/mark3labs/mcp-go/mcp"
)

// tokenOut is the one place that knows the token's shape as the tools return it: it is
// written as the structuredContent (and its text) of a success, and both tools'
// outputSchema is derived from it (tokenSchema). It converts from the core's SignInToken,
// so a field the core adds or renames stops the build until it is described here.
// Token and url are omitted when Clerk sent none (a revoke's answer carries no
// credential), and so are not required by the schema.
type tokenOut struct {
	Object    string `json:"object" const:"sign_in_token" desc:"Always \"sign_in_token\"."`
	ID        string `json:"id" desc:"The token's id (sit_…), to revoke it."`
	Status    string `json:"status" enum:"pending,accepted,revoked" desc:"pending until used (accepted) or revoked."`
	UserID    string `json:"user_id" desc:"The user the token signs in."`
	Token     string `json:"token,omitempty" desc:"SECRET: a one-use credential that signs the user in. Give it only to that user."`
	URL       string `json:"url,omitempty" desc:"SECRET: a link that signs the user in. Give it only to that user."`
	CreatedAt int64  `json:"created_at" desc:"Creation time, Unix milliseconds."`
	UpdatedAt int64  `json:"updated_at" desc:"Last change, Unix milliseconds."`
}

// tokenSchema is both tools' outputSchema, derived from tokenOut.
var tokenSchema = mustJSON(structSchema(reflect.TypeFor[tokenOut]()))

// structSchema describes a struct of strings and integers as JSON encodes it: a property
// per field (its json name, its type, its desc tag, and its const or enum tag), required
// unless omitempty.
func structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	required := []string{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		p := map[string]any{"description": f.Tag.Get("desc")}
		switch f.Type.Kind() {
		case reflect.String:
			p["type"] = "string"
		case reflect.Int64:
			p["type"] = "integer"
		default:
			panic("structSchema: " + t.Name() + "." + f.Name + " is neither a string nor an int64") // a literal type above
		}
		if c := f.Tag.Get("const"); c != "" {
			p["const"] = c
		}
		if e := f.Tag.Get("enum"); e != "" {
			p["enum"] = strings.Split(e, ",")
		}
		props[name] = p
		if opts != "omitempty" {
			required = append(required, name)
		}
	}
	return map[string]any{"type": "object", "properties": props, "required": required}
}

// tokenResult returns the token as the tool's result; a token object above
// maxTokenBytes is no real one (a sign-in token and its url are about 2 KB), and is
// refused rather than passed to the model twice over (text and structuredContent).
func tokenResult(tok *clerkmini.SignInToken) (*mcp.CallToolResult, error) {
	out := tokenOut(*tok)
	text, _ := json.Marshal(out) // strings and integers only: cannot fail
	if len(text) > maxTokenBytes {
		return nil, &oversizeError{size: len(text)}
	}
	return mcp.NewToolResultStructured(out, string(text)), nil
}

// oversizeError is a successful answer too large to pass on.
type oversizeError struct{ size int }

func (e *oversizeError) Error() string {
	return "the token object is " + thousands(e.size) + " bytes, more than the " + sizeText(maxTokenBytes) + " this server passes on"
}
