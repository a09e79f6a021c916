package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

var update = flag.Bool("update", false, "rewrite the tool snapshots (testdata/tools) and the transcripts' server lines (testdata/transcripts) from the current server")

// TestToolSnapshots pins each tool's definition as tools/list sends it: a change to a
// name, a description, a schema or a hint shows up in review as a diff of
// testdata/tools/*.json. go test ./cmd/mcp -update rewrites them.
func TestToolSnapshots(t *testing.T) {
	tools := newHarness(t, "").listTools()
	if len(tools) != len(allToolNames) {
		t.Fatalf("tools/list has %d tools, want %d", len(tools), len(allToolNames))
	}
	for _, tool := range tools {
		got, err := json.MarshalIndent(tool, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "tools", tool.Name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("snapshot of %s: %v (run go test ./cmd/mcp -update to write it, then review it)", tool.Name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (review, then go test ./cmd/mcp -update):\n%s", tool.Name, path, got)
		}
	}
}

// TestAnnotations checks the four hints hosts act on (confirmation prompts, read-only
// modes): all explicit, with the values the mission fixed.
func TestAnnotations(t *testing.T) {
	want := map[string][4]bool{ // readOnly, destructive, idempotent, openWorld
		toolCreate: {false, false, false, true},
		toolRevoke: {false, true, true, true},
	}
	tools := newHarness(t, "").listTools()
	names := [4]string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}
	seen := 0
	for _, tool := range tools {
		w, ok := want[tool.Name]
		if !ok {
			t.Errorf("unexpected tool %s", tool.Name)
			continue
		}
		seen++
		a := tool.Annotations
		if a.Title == "" {
			t.Errorf("%s: no title", tool.Name)
		}
		for i, hint := range []*bool{a.ReadOnlyHint, a.DestructiveHint, a.IdempotentHint, a.OpenWorldHint} {
			if hint == nil {
				t.Errorf("%s: %s is not set (hosts would assume the default)", tool.Name, names[i])
			} else if *hint != w[i] {
				t.Errorf("%s: %s = %v, want %v", tool.Name, names[i], *hint, w[i])
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d tools", seen, len(want))
	}
}

// TestSchemasAreStrict checks what the snapshots could pin wrongly at -update: every
// property is described, unknown arguments are refused, and both tools declare an
// outputSchema.
func TestSchemasAreStrict(t *testing.T) {
	for _, tool := range toolDefinitions(policy{defaultExpires: 60, maxExpires: 3600}) {
		var in struct {
			AdditionalProperties *bool                     `json:"additionalProperties"`
			Properties           map[string]map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(tool.RawInputSchema, &in); err != nil {
			t.Fatal(err)
		}
		if in.AdditionalProperties == nil || *in.AdditionalProperties {
			t.Errorf("%s: inputSchema allows unknown arguments", tool.Name)
		}
		var out struct {
			Properties map[string]map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(tool.RawOutputSchema, &out); err != nil || len(out.Properties) == 0 {
			t.Errorf("%s: no outputSchema properties (%v)", tool.Name, err)
		}
		for _, props := range []map[string]map[string]any{in.Properties, out.Properties} {
			for name, p := range props {
				if d, _ := p["description"].(string); d == "" {
					t.Errorf("%s: property %s has no description", tool.Name, name)
				}
			}
		}
	}
}

// TestOutputSchemaDescribesTheTokens checks the outputSchema derived from tokenOut against
// what the tools write: a created token (with its credential) and a revoked one (without)
// hold every required property and no other, each of its type, const and enum; and every
// property is written by one of them.
func TestOutputSchemaDescribesTheTokens(t *testing.T) {
	var schema struct {
		Properties map[string]struct {
			Type  string   `json:"type"`
			Const string   `json:"const"`
			Enum  []string `json:"enum"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	if err := json.Unmarshal(tokenSchema, &schema); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, "")
	created := h.call(toolCreate, map[string]any{"user_id": "user_alice"})
	revoked := h.call(toolRevoke, map[string]any{"sign_in_token_id": h.token(created).ID})
	written := map[string]bool{}
	for what, res := range map[string]*mcp.CallToolResult{"created": created, "revoked": revoked} {
		var tok map[string]any
		if err := json.Unmarshal([]byte(text(res)), &tok); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for _, name := range schema.Required {
			if _, ok := tok[name]; !ok {
				t.Errorf("%s token lacks the required %s: %s", what, name, text(res))
			}
		}
		for name, v := range tok {
			written[name] = true
			p, ok := schema.Properties[name]
			switch {
			case !ok:
				t.Errorf("%s token has %s, which the outputSchema does not describe", what, name)
			case p.Type == "string" && reflect.TypeOf(v).Kind() != reflect.String,
				p.Type == "integer" && (reflect.TypeOf(v).Kind() != reflect.Float64 || v.(float64) != float64(int64(v.(float64)))):
				t.Errorf("%s token's %s is %v, not of type %s", what, name, v, p.Type)
			case p.Const != "" && v != p.Const, p.Enum != nil && !slices.Contains(p.Enum, v.(string)):
				t.Errorf("%s token's %s is %v, outside the outputSchema's const or enum", what, name, v)
			}
		}
	}
	for name := range schema.Properties {
		if !written[name] {
			t.Errorf("the outputSchema describes %s, which no token has", name)
		}
	}
}

// TestIDPatternsAgreeWithTheChecks: each id's pattern in the inputSchema and the check of
// a call accept the same ids, and refuse the same slips.
func TestIDPatternsAgreeWithTheChecks(t *testing.T) {
	h := newHarness(t, "")
	patterns := 0
	for _, tool := range toolDefinitions(policy{defaultExpires: 60}) {
		var in struct {
			Properties map[string]struct {
				Pattern string `json:"pattern"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(tool.RawInputSchema, &in); err != nil {
			t.Fatal(err)
		}
		for name, p := range in.Properties {
			if p.Pattern == "" {
				continue
			}
			patterns++
			re := regexp.MustCompile(p.Pattern)
			for _, v := range []string{"user_alice", "org_acme", "sit_1", "user_", "org_", "sit_", "alice@example.com", "eyJhbGciOi.x.y", "sk_test_x", "USER_alice"} {
				args := map[string]any{}
				if tool.Name == toolCreate {
					args[argUserID] = "user_alice"
				}
				args[name] = v
				res := h.call(tool.Name, args)
				refused := res.IsError && strings.Contains(text(res), name+" must be a Clerk ")
				if re.MatchString(v) == refused {
					t.Errorf("%s %s %q: the pattern %s says %v, the check refused it: %v", tool.Name, name, v, p.Pattern, re.MatchString(v), refused)
				}
			}
		}
	}
	if patterns != 3 {
		t.Errorf("%d ids with a pattern, want 3 (user_id, org_id, sign_in_token_id)", patterns)
	}
}
