package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/clerkmini/clerkmini/internal/cut"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// TestBinaryWithMCPGoClient drives the built binary over stdio with mcp-go's client,
// against the sandbox over real HTTP on 127.0.0.1.
func TestBinaryWithMCPGoClient(t *testing.T) {
	sb, env := sandboxHTTP(t)
	c, err := client.NewStdioMCPClient(binary, env)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stderr := &syncBuffer{}
	if r, ok := client.GetStderr(c); ok {
		go io.Copy(stderr, r)
	}
	ctx := testContext(t)
	res, err := c.Initialize(ctx, initRequest(mcp.LATEST_PROTOCOL_VERSION))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(binary, "--version").Output()
	if err != nil || strings.TrimSpace(string(out)) != "clerkmini-mcp "+res.ServerInfo.Version {
		t.Errorf("--version says %q (%v), serverInfo.version is %q", out, err, res.ServerInfo.Version)
	}
	list, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil || len(list.Tools) != 2 || list.Tools[0].Name != toolCreate || list.Tools[1].Name != toolRevoke {
		t.Fatalf("tools/list: %+v, %v", list, err)
	}
	tok, _ := (&harness{t: t, client: c}).createRevokeRevokeAgain("user_bob", 120)
	if st, _ := sb.Token(tok.ID); st.Status != "revoked" {
		t.Fatalf("sandbox says the token is %q after revoke", st.Status)
	}
	if _, err := c.CallTool(ctx, mcpCall("delete_user", map[string]any{})); err == nil {
		t.Fatal("an unknown tool must be a protocol error")
	}
}

// TestStdoutPurityAndDrainOnEOF pipes requests, good and bad, and closes stdin at once:
// every request gets its answer (one still waiting for Clerk included), every stdout
// line is a JSON-RPC message, and the exit code is 0.
func TestStdoutPurityAndDrainOnEOF(t *testing.T) {
	sb, env := sandboxHTTP(t)
	sb.Inject(clerktest.Fault{Op: "create", Latency: 300 * time.Millisecond}) // still in flight at EOF
	p := start(t, env, "--log-level", "debug")
	p.initialize()
	p.callTool(1, toolCreate, map[string]any{"user_id": "user_alice"})
	p.sendRaw(`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	p.sendRaw(`this is not json`)
	p.sendRaw(`[1,2,3]`)
	p.sendRaw(`{"jsonrpc":"2.0","id":3,"method":"no/such/method"}`)
	p.callTool(4, toolCreate, map[string]any{"user_id": 12})
	p.callTool(5, toolRevoke, map[string]any{"sign_in_token_id": "sit_missing"})
	p.sendRaw(`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":"user_alice"}}`)
	p.sendRaw(strings.Repeat(" ", maxLineBytes+1)) // a line above the bound
	p.callTool("seven", toolCreate, map[string]any{"user_id": "user_carol", "expires_in_seconds": 60})
	p.sendRaw(`{"jsonrpc":"2.0","id":8,"method":"ping"}`)
	p.callTool(9, toolRevoke, map[string]any{"sign_in_token_id": "sit_x"})
	io.WriteString(p.stdin, `{"jsonrpc":"2.0","id":10,"method":"ping"}`) // no newline, then EOF
	if code := p.exit(); code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, p.stderr.String())
	}
	answered := map[string]rpc{}
	nullIDErrors := 0
	for _, l := range strings.Split(strings.TrimSuffix(p.raw.String(), "\n"), "\n") {
		var m rpc
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.JSONRPC != "2.0" || (m.Result == nil) == (m.Error == nil) {
			t.Fatalf("stdout line is not a JSON-RPC response: %q", cut.Preview(l, 200))
		}
		if string(m.ID) == "null" {
			nullIDErrors++
			continue
		}
		answered[string(m.ID)] = m
	}
	if nullIDErrors != 3 {
		t.Errorf("%d errors with a null id, want 3 (not JSON, not an object, too long)", nullIDErrors)
	}
	for _, id := range []string{"0", "1", "2", "3", "4", "5", "6", `"seven"`, "8", "9", "10"} {
		if _, ok := answered[id]; !ok {
			t.Errorf("request %s was not answered", id)
		}
	}
	if m := answered["1"]; m.Result == nil || m.Result.IsError {
		t.Errorf("the create in flight at EOF: %+v %s", m.Error, m.text())
	}
	if m := answered["3"]; m.Error == nil || m.Error.Code != -32601 {
		t.Errorf("unknown method: want -32601, got %+v", m)
	}
	for _, id := range []string{"4", "5", "6"} {
		if m := answered[id]; m.Result == nil || !m.Result.IsError {
			t.Errorf("request %s: want an isError result, got %+v", id, m)
		}
	}
	if a := auditOf(t, p.stderr.String()); len(a) < 5 {
		t.Errorf("%d audit lines, want at least 5", len(a))
	}
}

// TestSignalAnswersRequestsAlreadyRead sends SIGTERM while a call waits for Clerk: the
// call is answered (not cancelled), then the process exits 0.
func TestSignalAnswersRequestsAlreadyRead(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			sb, env := sandboxHTTP(t)
			sb.Inject(clerktest.Fault{Op: "create", Latency: 200 * time.Millisecond})
			p := start(t, env)
			p.initialize()
			p.callTool(1, toolCreate, map[string]any{"user_id": "user_alice"})
			waitFor(t, "the create to reach the sandbox", func() bool { return sb.Requests() >= 1 })
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			m := p.read()
			if string(m.ID) != "1" || m.Result == nil || m.Result.IsError {
				t.Fatalf("after %v: %+v %s", sig, m, m.text())
			}
			if code := p.wait(); code != 0 {
				t.Fatalf("exit code %d after %v", code, sig)
			}
		})
	}
}

// startWaitingCreate starts the binary on a sandbox that holds creates for an hour, and
// returns once a create with id has reached it.
func startWaitingCreate(t *testing.T, id any) *proc {
	t.Helper()
	sb, env := sandboxHTTP(t)
	sb.Inject(clerktest.Fault{Op: "create", Latency: time.Hour})
	p := start(t, env)
	p.initialize()
	p.callTool(id, toolCreate, map[string]any{"user_id": "user_alice"})
	waitFor(t, "the create to reach the sandbox", func() bool { return sb.Requests() >= 1 })
	return p
}

// TestCancelAbortsClerkCall: notifications/cancelled reaches the HTTP call, which would
// otherwise wait out the sandbox's hour of latency and the client's 10 s timeout.
func TestCancelAbortsClerkCall(t *testing.T) {
	p := startWaitingCreate(t, 7)
	p.send(map[string]any{"jsonrpc": "2.0", "method": "notifications/cancelled", "params": map[string]any{"requestId": 7, "reason": "user pressed stop"}})
	m := p.read()
	if string(m.ID) != "7" || m.Result == nil || !m.Result.IsError || !strings.Contains(m.text(), "canceled") {
		t.Fatalf("cancelled call: %+v %q", m, m.text())
	}
	waitFor(t, "the audit line", func() bool { return len(auditOf(t, p.stderr.String())) == 1 })
	if a := auditOf(t, p.stderr.String()); a[0].Outcome != "canceled" {
		t.Fatalf("audit %+v: want one canceled create", a)
	}
	p.callTool(8, toolCreate, map[string]any{"user_id": "user_bob"}) // the session goes on
	if m := p.read(); string(m.ID) != "8" || m.Result == nil || m.Result.IsError {
		t.Fatalf("call after a cancellation: %+v %s", m, m.text())
	}
	if code := p.exit(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// TestCancelMatchesAnEscapedID: a string id is the same id however it is spelled, for a
// cancellation as for a response: "\u0061" cancels the call whose id was "a".
func TestCancelMatchesAnEscapedID(t *testing.T) {
	p := startWaitingCreate(t, "a")
	p.sendRaw(`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"\u0061"}}`)
	if m := p.read(); string(m.ID) != `"a"` || m.Result == nil || !strings.Contains(m.text(), "canceled") {
		t.Fatalf("cancelled call: %s %q", m.ID, m.text())
	}
	if code := p.exit(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// TestLoadThousandCallsInFlight writes 1,000 tool calls before reading any answer: every
// one is answered once, correctly, on one session.
func TestLoadThousandCallsInFlight(t *testing.T) {
	const n = 1000
	sb, env := sandboxHTTP(t)
	p := start(t, env)
	p.initialize()
	users := clerktest.DefaultUsers
	go func() {
		for i := 0; i < n; i++ {
			p.callTool(i, toolCreate, map[string]any{"user_id": users[i%len(users)], "expires_in_seconds": 60 + i})
		}
	}()
	seen := map[int]bool{}
	tokens := map[string]bool{}
	for len(seen) < n {
		m := p.read()
		var id int
		if err := json.Unmarshal(m.ID, &id); err != nil || seen[id] || id < 0 || id >= n {
			t.Fatalf("unexpected or repeated answer id %s", m.ID)
		}
		seen[id] = true
		var tok tokenOut
		if m.Result == nil || m.Result.IsError || json.Unmarshal(m.Result.StructuredContent, &tok) != nil {
			t.Fatalf("call %d: %+v %s", id, m.Error, m.text())
		}
		if tok.UserID != users[id%len(users)] || tok.Status != "pending" || tokens[tok.ID] {
			t.Fatalf("call %d for %s answered with %+v", id, users[id%len(users)], tok)
		}
		tokens[tok.ID] = true
	}
	if code := p.exit(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if sb.Tokens("") != n {
		t.Fatalf("the sandbox minted %d tokens, want %d", sb.Tokens(""), n)
	}
	if a := auditOf(t, p.stderr.String()); len(a) != n {
		t.Fatalf("%d audit lines, want %d", len(a), n)
	}
}

// TestStartupErrors: a key or setting the operator must fix ends the process at start
// with exit code 2 and one stderr line naming the variable, never its value.
func TestStartupErrors(t *testing.T) {
	const secret = "sk_test_STARTUP_SENTINEL_c0ffee"
	for _, tc := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"no key", nil, nil, "CLERK_SECRET_KEY is empty"},
		{"publishable key", []string{"CLERK_SECRET_KEY=pk_test_" + secret}, nil, "CLERK_SECRET_KEY is a publishable key"},
		{"key with a newline", []string{"CLERK_SECRET_KEY=" + secret + "\n"}, nil, "CLERK_SECRET_KEY has leading or trailing whitespace"},
		{"key with a space", []string{"CLERK_SECRET_KEY=" + secret + " x"}, nil, "CLERK_SECRET_KEY contains a space"},
		{"plain http", []string{"CLERK_SECRET_KEY=" + secret, "CLERK_API_URL=http://example.com"}, nil, "CLERK_API_URL "},
		{"key as argument", nil, []string{secret}, "never on the command line"},
		{"unknown tool", []string{"CLERK_SECRET_KEY=" + secret}, []string{"--tools", "delete_user"}, `--tools (or $CLERKMINI_MCP_TOOLS) names an unknown tool "delete_user"`},
		{"bad ceiling from env", []string{"CLERK_SECRET_KEY=" + secret, "CLERKMINI_MCP_MAX_EXPIRES_IN_SECONDS=0"}, nil, "$CLERKMINI_MCP_MAX_EXPIRES_IN_SECONDS) must be a whole number"},
		{"default above ceiling", []string{"CLERK_SECRET_KEY=" + secret}, []string{"--max-expires-in-seconds=60", "--default-expires-in-seconds=61"}, "above the ceiling of 60"},
		{"bad log level", []string{"CLERK_SECRET_KEY=" + secret, "CLERKMINI_MCP_LOG_LEVEL=loud"}, nil, "must be debug, info, warn or error"},
		{"unwritable audit log", []string{"CLERK_SECRET_KEY=" + secret}, []string{"--audit-log", "/nonexistent/dir/audit.jsonl"}, "--audit-log: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := start(t, tc.env, tc.args...)
			code := p.exit()
			stderr := p.stderr.String()
			if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and one line with %q", code, stderr, tc.want)
			}
			if strings.Contains(stderr, "STARTUP_SENTINEL") || p.raw.String() != "" {
				t.Fatalf("stderr %q or stdout %q repeats the key", stderr, p.raw.String())
			}
		})
	}
	for _, args := range [][]string{{"--version"}, {"--help"}} {
		p := start(t, nil, args...)
		if code := p.exit(); code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

// TestSecretsNeverLeak runs sessions with a sentinel key and sentinel url origin: neither
// the key nor any token or url the sandbox minted appears in stderr, the audit file, or
// any error text, whatever the outcome.
func TestSecretsNeverLeak(t *testing.T) {
	const key = "sk_test_SENTINEL_KEY_5ec12e7"
	const origin = "https://sentinel-url-7a11.invalid"
	sb, env := sandboxHTTP(t, clerktest.WithSecretKey(key), clerktest.WithAccountsURL(origin))
	auditFile := filepath.Join(t.TempDir(), "audit.jsonl")
	p := start(t, env, "--log-level", "debug", "--audit-log", auditFile)
	p.initialize()
	var secrets []string
	var errorTexts []string
	id := 1
	call := func(tool string, args map[string]any) rpc {
		p.callTool(id, tool, args)
		id++
		m := p.read()
		if m.Error != nil {
			errorTexts = append(errorTexts, m.Error.Message)
		} else if m.Result.IsError {
			errorTexts = append(errorTexts, m.text())
		}
		return m
	}
	var tokenIDs []string
	for _, u := range []string{"user_alice", "user_bob"} {
		m := call(toolCreate, map[string]any{"user_id": u, "expires_in_seconds": 300})
		var tok tokenOut
		if m.Result == nil || json.Unmarshal(m.Result.StructuredContent, &tok) != nil || tok.Token == "" || !strings.HasPrefix(tok.URL, origin) {
			t.Fatalf("create: %+v", m)
		}
		secrets = append(secrets, tok.Token, tok.URL)
		tokenIDs = append(tokenIDs, tok.ID)
	}
	call(toolRevoke, map[string]any{"sign_in_token_id": tokenIDs[0]})
	call(toolRevoke, map[string]any{"sign_in_token_id": tokenIDs[0]}) // 400
	// The model pastes credentials where ids belong.
	call(toolRevoke, map[string]any{"sign_in_token_id": secrets[2]})
	call(toolCreate, map[string]any{"user_id": key})
	call(toolCreate, map[string]any{"user_id": "user_alice", "org_id": secrets[3]})
	call(toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": key})
	// A proxy echoes the request, Authorization header included.
	sb.Inject(clerktest.Fault{Status: 502, Body: "<html>upstream said: Authorization: Bearer " + key + "</html>", ContentType: "text/html"})
	call(toolRevoke, map[string]any{"sign_in_token_id": tokenIDs[1]})
	sb.Inject(clerktest.Fault{Status: 500, Body: `{"errors":[{"code":"x","message":"echo ` + key + `","long_message":"y"}]}`, ContentType: "application/json"})
	call(toolRevoke, map[string]any{"sign_in_token_id": tokenIDs[1]})
	if code := p.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	// A second process with a wrong sentinel key: Clerk's 401.
	wrong := "sk_test_SENTINEL_WRONG_KEY_99"
	q := start(t, []string{env[0], "CLERK_SECRET_KEY=" + wrong}, "--log-level", "debug")
	q.initialize()
	q.callTool(1, toolCreate, map[string]any{"user_id": "user_alice"})
	m := q.read()
	if m.Result == nil || !m.Result.IsError || !strings.Contains(m.text(), "401") {
		t.Fatalf("wrong key: %+v", m)
	}
	errorTexts = append(errorTexts, m.text())
	q.exit()

	audit, err := os.ReadFile(auditFile)
	if err != nil || len(auditOf(t, string(audit))) != 10 {
		t.Fatalf("audit file: %v, %d records, want 10:\n%s", err, len(auditOf(t, string(audit))), audit)
	}
	if len(errorTexts) < 7 {
		t.Fatalf("only %d error texts: %q", len(errorTexts), errorTexts)
	}
	places := map[string]string{"stderr": p.stderr.String(), "second stderr": q.stderr.String(), "audit log": string(audit),
		"error texts": strings.Join(errorTexts, "\n")}
	for _, s := range append(secrets, key, wrong, origin, "SENTINEL") {
		for where, content := range places {
			if strings.Contains(content, s) {
				t.Errorf("%s contains a secret (%s…)", where, cut.Preview(s, 24))
			}
		}
	}
}
