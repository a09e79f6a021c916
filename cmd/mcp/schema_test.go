package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the tool snapshots (testdata/tools) and the transcripts' server lines (testdata/transcripts) from the current server")

// TestToolSnapshots pins each tool's definition as tools/list sends it: a change to a
// name, a description, a schema or a hint shows up in review as a diff of
// testdata/tools/*.json. go test ./cmd/mcp -update rewrites them.
func TestToolSnapshots(t *testing.T) {
	h := newHarness(t, "")
	list, err := h.client.ListTools(testContext(t), mcpListTools())
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Tools) != len(allToolNames) {
		t.Fatalf("tools/list has %d tools, want %d", len(list.Tools), len(allToolNames))
	}
	for _, tool := range list.Tools {
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
	h := newHarness(t, "")
	list, err := h.client.ListTools(testContext(t), mcpListTools())
	if err != nil {
		t.Fatal(err)
	}
	names := [4]string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}
	seen := 0
	for _, tool := range list.Tools {
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
