package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestBinaryWithOfficialGoSDK drives the built binary on its embedded sandbox with the
// official MCP Go SDK's client, a client this project did not write, at every protocol
// version that client speaks: 2026-07-28 (server/discover, the question as an
// input_required result) and the four before it (initialize, the question as an
// elicitation/create request). The tools' schemas must resolve and validate under the
// SDK's own JSON Schema package, and create → revoke → revoke of an unknown id must come
// back as that client reads them. The client declares elicitation, so (under the default
// --confirm auto) the person is asked before the create.
func TestBinaryWithOfficialGoSDK(t *testing.T) {
	for _, version := range []string{"2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"} {
		t.Run(version, func(t *testing.T) { goSDKSession(t, version) })
	}
}

func goSDKSession(t *testing.T, version string) {
	ctx := testContext(t)
	var mu sync.Mutex
	var questions []string
	client := sdk.NewClient(&sdk.Implementation{Name: "clerkmini-gosdk-test", Version: "1"}, &sdk.ClientOptions{
		ElicitationHandler: func(_ context.Context, req *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
			mu.Lock()
			defer mu.Unlock()
			questions = append(questions, req.Params.Message)
			return &sdk.ElicitResult{Action: "accept", Content: map[string]any{}}, nil
		},
	})
	transport := &sdk.CommandTransport{Command: exec.Command(binary, "--sandbox")}
	session, err := client.Connect(ctx, transport, &sdk.ClientSessionOptions{ProtocolVersion: version})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer session.Close()
	if init := session.InitializeResult(); init.ProtocolVersion != version || init.ServerInfo == nil || init.ServerInfo.Name == "" {
		t.Fatalf("connected with protocol %q, serverInfo %+v; want %s and a name", init.ProtocolVersion, init.ServerInfo, version)
	}

	list, err := session.ListTools(ctx, nil)
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	schemas := map[string][2]*jsonschema.Resolved{}
	for _, tool := range list.Tools {
		schemas[tool.Name] = [2]*jsonschema.Resolved{resolve(t, tool.Name+" inputSchema", tool.InputSchema), resolve(t, tool.Name+" outputSchema", tool.OutputSchema)}
	}
	if len(schemas) != 2 || schemas[toolCreate][0] == nil || schemas[toolRevoke][0] == nil {
		t.Fatalf("tools/list gave %d tools, want %s and %s", len(list.Tools), toolCreate, toolRevoke)
	}
	create, revoke := schemas[toolCreate], schemas[toolRevoke]
	for _, bad := range []map[string]any{{"expires_in_seconds": 60}, {"user_id": "user_alice", "bogus": true}, {"user_id": "user_alice", "expires_in_seconds": "60"}} {
		if err := create[0].Validate(bad); err == nil {
			t.Errorf("%s inputSchema accepts %v", toolCreate, bad)
		}
	}
	if err := revoke[0].Validate(map[string]any{}); err == nil {
		t.Errorf("%s inputSchema accepts arguments without sign_in_token_id", toolRevoke)
	}

	args := map[string]any{"user_id": "user_alice", "expires_in_seconds": 120}
	if err := create[0].Validate(args); err != nil {
		t.Fatalf("%s inputSchema refuses %v: %v", toolCreate, args, err)
	}
	created := sdkCall(t, session, toolCreate, args)
	if created.IsError {
		t.Fatalf("create: isError: %s", sdkText(created))
	}
	tok := sdkStructured(t, create[1], created)
	if tok.UserID != "user_alice" || tok.Status != "pending" || !strings.HasPrefix(tok.ID, "sit_") || tok.Token == "" || tok.URL == "" {
		t.Fatalf("create: structuredContent %+v", tok)
	}
	mu.Lock()
	if len(questions) != 1 || !strings.Contains(questions[0], "user_alice") {
		t.Errorf("the person was asked %q before the create; want one question naming user_alice", questions)
	}
	mu.Unlock()

	revoked := sdkCall(t, session, toolRevoke, map[string]any{"sign_in_token_id": tok.ID})
	if revoked.IsError {
		t.Fatalf("revoke: isError: %s", sdkText(revoked))
	}
	if got := sdkStructured(t, revoke[1], revoked); got.ID != tok.ID || got.Status != "revoked" {
		t.Errorf("revoke: structuredContent %+v, want %s revoked", got, tok.ID)
	}

	unknown := sdkCall(t, session, toolRevoke, map[string]any{"sign_in_token_id": "sit_doesnotexist"})
	if msg := sdkText(unknown); !unknown.IsError || !strings.Contains(msg, "404") || !strings.Contains(msg, "resource_not_found") {
		t.Errorf("revoke of an unknown id: isError %v, text %q; want an isError result with Clerk's 404 resource_not_found", unknown.IsError, msg)
	}
	if unknown.StructuredContent != nil {
		t.Errorf("revoke of an unknown id: structuredContent %v on an error result", unknown.StructuredContent)
	}
}

// resolve checks that a tool's schema, as the client received it, is a JSON Schema the
// SDK's validator accepts.
func resolve(t *testing.T, what string, schema any) *jsonschema.Resolved {
	t.Helper()
	if schema == nil {
		t.Fatalf("%s is missing", what)
	}
	b, err := json.Marshal(schema)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var s jsonschema.Schema
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s is not a JSON Schema: %v (%s)", what, err, b)
	}
	r, err := s.Resolve(nil)
	if err != nil {
		t.Fatalf("%s does not resolve: %v (%s)", what, err, b)
	}
	return r
}

func sdkCall(t *testing.T, s *sdk.ClientSession, tool string, args map[string]any) *sdk.CallToolResult {
	t.Helper()
	res, err := s.CallTool(testContext(t), &sdk.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s(%v): protocol error %v; want a tool result", tool, args, err)
	}
	return res
}

// sdkText is the text of the result's text content.
func sdkText(res *sdk.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// sdkStructured validates structuredContent against the tool's outputSchema and checks
// that the text content is the same JSON, then decodes it.
func sdkStructured(t *testing.T, out *jsonschema.Resolved, res *sdk.CallToolResult) tokenOut {
	t.Helper()
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatalf("structuredContent %s is not an object: %v", b, err)
	}
	if err := out.Validate(generic); err != nil {
		t.Errorf("structuredContent does not validate against the outputSchema: %v", err)
	}
	var fromText map[string]any
	if err := json.Unmarshal([]byte(sdkText(res)), &fromText); err != nil || !reflect.DeepEqual(fromText, generic) {
		t.Errorf("text content %q is not the JSON of structuredContent %s (%v)", sdkText(res), b, err)
	}
	var tok tokenOut
	if err := json.Unmarshal(b, &tok); err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestGoSDKIsTestOnly checks that the official Go SDK, which go.mod requires for the test
// above, is linked into the tests only and never into the server users build.
func TestGoSDKIsTestOnly(t *testing.T) {
	const module = "github.com/modelcontextprotocol/go-sdk"
	modules := func(test bool) map[string]bool {
		args := []string{"list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}"}
		if test {
			args = append(args, "-test")
		}
		out, err := exec.Command("go", append(args, ".")...).Output()
		if err != nil {
			t.Fatalf("go %s: %v", strings.Join(args, " "), err)
		}
		set := map[string]bool{}
		for _, m := range strings.Fields(string(out)) {
			set[m] = true
		}
		return set
	}
	if !modules(true)[module] {
		t.Fatalf("go list -test does not see %s: this check would prove nothing", module)
	}
	if modules(false)[module] {
		t.Errorf("the server links %s; it must stay in _test.go files", module)
	}
}
