package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// harness is a server wired to an in-memory sandbox, driven by mcp-go's in-process client
// (or, with only t and client set, any mcp-go client, such as one of the built binary).
type harness struct {
	t      *testing.T
	sb     *clerktest.Sandbox
	client *client.Client
	audit  *syncBuffer
}

// newHarness starts a session; args are the server's flags, key is the secret key the
// client sends ("" for the sandbox's own).
func newHarness(t *testing.T, key string, args ...string) *harness {
	t.Helper()
	return newHarnessWith(t, key, nil, args...)
}

// newHarnessWith is newHarness with options for the client (an elicitation handler).
func newHarnessWith(t *testing.T, key string, opts []client.ClientOption, args ...string) *harness {
	t.Helper()
	sb := clerktest.New(clerktest.WithOrganization("org_acme", "user_alice"))
	if key == "" {
		key = sb.SecretKey()
	}
	cc, err := clerkmini.New(key, clerkmini.WithTransport(sb), clerkmini.WithRetries(0), clerkmini.WithTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, sb: sb, audit: &syncBuffer{}}
	if h.client, err = client.NewInProcessClientWithOptions(newServer(newTools(t, cc, h.audit, args...)), opts...); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.client.Close() })
	ctx := testContext(t)
	if err := h.client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.Initialize(ctx, initRequest(mcp.LATEST_PROTOCOL_VERSION)); err != nil {
		t.Fatal(err)
	}
	return h
}

// newTools are the tools on cc with the policy that the flags args set, auditing to audit.
func newTools(tb testing.TB, cc *clerkmini.Client, audit io.Writer, args ...string) *tokenTools {
	tb.Helper()
	cfg, err := parseConfig(args, func(string) string { return "" }, io.Discard)
	if err != nil {
		tb.Fatalf("parseConfig(%q): %v", args, err)
	}
	return &tokenTools{client: cc, policy: cfg.policy, audit: &auditLog{w: audit}, log: slog.New(slog.DiscardHandler)}
}

// newSandboxTools are the tools with the default policy on an in-memory sandbox.
func newSandboxTools(tb testing.TB) *tokenTools {
	tb.Helper()
	cc, err := clerktest.New().Client()
	if err != nil {
		tb.Fatal(err)
	}
	return newTools(tb, cc, io.Discard)
}

// initRequest is an mcp-go client's initialize in protocol version.
func initRequest(version string) mcp.InitializeRequest {
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = version
	init.Params.ClientInfo = mcp.Implementation{Name: "test", Version: "1"}
	return init
}

// initializeLine is a raw initialize request (id 0) of a client that declares nothing.
const initializeLine = `{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`

// listTools returns tools/list's tools, failing the test on an error.
func (h *harness) listTools() []mcp.Tool {
	h.t.Helper()
	list, err := h.client.ListTools(testContext(h.t), mcp.ListToolsRequest{})
	if err != nil {
		h.t.Fatal(err)
	}
	return list.Tools
}

// call calls a tool and fails the test on a protocol error: every outcome of a known
// tool must be a result.
func (h *harness) call(tool string, args any) *mcp.CallToolResult {
	h.t.Helper()
	res, err := h.client.CallTool(testContext(h.t), mcpCall(tool, args))
	if err != nil {
		h.t.Fatalf("%s(%v): protocol error %v; want a tool result", tool, args, err)
	}
	return res
}

// token decodes a successful result, checking that its text is the same JSON as its
// structuredContent.
func (h *harness) token(res *mcp.CallToolResult) tokenOut {
	h.t.Helper()
	if res.IsError {
		h.t.Fatalf("isError result: %s", text(res))
	}
	var fromText, fromStructured tokenOut
	if err := json.Unmarshal([]byte(text(res)), &fromText); err != nil {
		h.t.Fatalf("text is not the token JSON: %v", err)
	}
	b, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(b, &fromStructured); err != nil || fromText != fromStructured {
		h.t.Fatalf("structuredContent %s differs from text %s", b, text(res))
	}
	return fromText
}

// failure returns the text of an isError result, and checks it carries no structuredContent
// (clients validate it against the outputSchema).
func (h *harness) failure(res *mcp.CallToolResult) string {
	h.t.Helper()
	if !res.IsError {
		h.t.Fatalf("want isError, got success: %s", text(res))
	}
	if res.StructuredContent != nil {
		h.t.Fatalf("isError result carries structuredContent %v", res.StructuredContent)
	}
	return text(res)
}

// createRevokeRevokeAgain is the sequence every face's example shows (examples/mcpdemo
// for MCP): it creates a token for user, revokes it and revokes it again, checks what each
// step must give, and returns the token and the text of the second revoke's isError result.
func (h *harness) createRevokeRevokeAgain(user string, expiresInSeconds int) (tokenOut, string) {
	h.t.Helper()
	tok := h.token(h.call(toolCreate, map[string]any{"user_id": user, "expires_in_seconds": expiresInSeconds}))
	if tok.Object != "sign_in_token" || tok.Status != "pending" || tok.UserID != user ||
		!strings.HasPrefix(tok.ID, "sit_") || tok.Token == "" || tok.URL == "" || tok.CreatedAt == 0 {
		h.t.Fatalf("created token %+v", tok)
	}
	revoked := h.token(h.call(toolRevoke, map[string]any{"sign_in_token_id": tok.ID}))
	if revoked.ID != tok.ID || revoked.Status != "revoked" {
		h.t.Fatalf("revoked token %+v", revoked)
	}
	msg := h.failure(h.call(toolRevoke, map[string]any{"sign_in_token_id": tok.ID}))
	if !strings.Contains(msg, "code: sign_in_token_cannot_be_revoked_code") {
		h.t.Fatalf("revoke again: %q lacks Clerk's code sign_in_token_cannot_be_revoked_code", msg)
	}
	return tok, msg
}

// auditLines returns the audit records written so far.
func (h *harness) auditLines() []auditRecord {
	h.t.Helper()
	var out []auditRecord
	for _, l := range strings.Split(strings.TrimSpace(h.audit.String()), "\n") {
		if l == "" {
			continue
		}
		var r auditRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			h.t.Fatalf("audit line %q: %v", l, err)
		}
		out = append(out, r)
	}
	return out
}

func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// testContext bounds a test's calls: a hang guard, not a timing assertion.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func mcpCall(tool string, args any) mcp.CallToolRequest {
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = tool, args
	return req
}
