package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/clerkmini/clerkmini/internal/cut"
)

func TestCreateRevokeRevokeAgain(t *testing.T) {
	h := newHarness(t, "")
	tok, msg := h.createRevokeRevokeAgain("user_alice", 600)
	for _, want := range []string{"HTTP 400", "long_message: ", "clerk_trace_id: ", "nothing left to revoke"} {
		if !strings.Contains(msg, want) {
			t.Errorf("revoke again: %q lacks %q", msg, want)
		}
	}
	audit := h.auditLines()
	if len(audit) != 3 {
		t.Fatalf("audit: %d lines, want 3: %+v", len(audit), audit)
	}
	want := []auditRecord{
		// This client declared no elicitation: no one was asked (confirm_test.go asks).
		{Tool: toolCreate, UserID: "user_alice", SignInTokenID: tok.ID, ExpiresInSeconds: 600, Decision: notAskedNoCapability, Outcome: "ok"},
		{Tool: toolRevoke, UserID: "user_alice", SignInTokenID: tok.ID, Decision: notAskedPolicy, Outcome: "ok"},
		{Tool: toolRevoke, SignInTokenID: tok.ID, Decision: notAskedPolicy, Outcome: "clerk_error", Status: 400, Code: "sign_in_token_cannot_be_revoked_code"},
	}
	for i, got := range audit {
		if got.Time == "" || got.Audit != "clerkmini-mcp" {
			t.Errorf("audit line %d lacks time or marker: %+v", i, got)
		}
		got.Time, got.Audit = "", ""
		if got != want[i] {
			t.Errorf("audit line %d = %+v, want %+v", i, got, want[i])
		}
	}
}

func TestCreateWithOrganizationAndDefaultLifetime(t *testing.T) {
	h := newHarness(t, "")
	tok := h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice", "org_id": "org_acme"}))
	if tok.Status != "pending" {
		t.Fatalf("token %+v", tok)
	}
	// Clerk's documented default, 30 days: what a user gets when no one chose a lifetime.
	if got := h.auditLines()[0]; got.OrgID != "org_acme" || got.ExpiresInSeconds != 30*24*60*60 {
		t.Fatalf("audit %+v: want org_acme and Clerk's default lifetime of 30 days", got)
	}
	// null stands for an omitted optional argument.
	h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice", "org_id": nil, "expires_in_seconds": nil}))
}

func TestValidationMessages(t *testing.T) {
	h := newHarness(t, "")
	for _, tc := range []struct {
		tool string
		args any
		want string
	}{
		{toolCreate, map[string]any{}, "user_id is required"},
		{toolCreate, nil, "user_id is required"},
		{toolCreate, map[string]any{"user_id": ""}, "user_id must not be empty"},
		{toolCreate, map[string]any{"user_id": 7}, "user_id must be a string, not a number"},
		{toolCreate, map[string]any{"user_id": "user_alice", "org_id": false}, "org_id must be a string, not a boolean"},
		{toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": 0}, "expires_in_seconds must be a whole number of seconds, at least 1 (got 0)"},
		{toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": -5}, "at least 1 (got -5)"},
		{toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": 1.5}, "at least 1 (got 1.5)"},
		{toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": "60"}, "expires_in_seconds must be a whole number of seconds, at least 1, not a string"},
		{toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": 1e30}, "at least 1 (got 1e+30)"},
		{toolCreate, map[string]any{"user_id": "user_alice", "mode": "x"}, `unknown argument "mode": the only arguments are user_id, expires_in_seconds, org_id`},
		// A long name is quoted cut to 64 bytes, never inside a character (é's 2nd byte is the 65th).
		{toolCreate, map[string]any{"user_id": "user_alice", strings.Repeat("m", 63) + "é": 1}, `unknown argument "` + strings.Repeat("m", 63) + `\u2026": the only`},
		{toolCreate, []string{"user_alice"}, "arguments must be a JSON object"},
		{toolCreate, map[string]any{"user_id": "alice@example.com"}, `user_id must be a Clerk user id, which starts with "user_"`},
		{toolCreate, map[string]any{"user_id": "user_"}, `user_id must be a Clerk user id, which starts with "user_"`},
		{toolCreate, map[string]any{"user_id": "user_alice", "org_id": "acme"}, `org_id must be a Clerk organization id, which starts with "org_"`},
		{toolCreate, map[string]any{"user_id": "user_../users"}, "user_id must not be or contain a dot segment"},
		{toolCreate, map[string]any{"user_id": "user_ alice"}, "user_id contains a space"},
		{toolCreate, map[string]any{"user_id": "user_" + strings.Repeat("u", 124)}, "user_id is 129 bytes long"},
		{toolRevoke, map[string]any{}, "sign_in_token_id is required"},
		{toolRevoke, map[string]any{"sign_in_token_id": []any{}}, "sign_in_token_id must be a string, not an array"},
		{toolRevoke, map[string]any{"sign_in_token_id": "sit_1/revoke"}, "sign_in_token_id contains '/'"},
		{toolRevoke, map[string]any{"sign_in_token_id": "eyJhbGciOi.x.y"}, `sign_in_token_id must be a Clerk sign-in token id, which starts with "sit_"`},
		{toolRevoke, map[string]any{"id": "sit_1"}, `unknown argument "id": the only arguments are sign_in_token_id`},
	} {
		msg := h.failure(h.call(tc.tool, tc.args))
		if !strings.HasPrefix(msg, "Invalid arguments for "+tc.tool+": ") || !strings.Contains(msg, tc.want) {
			t.Errorf("%s(%v): %q; want it to contain %q", tc.tool, tc.args, msg, tc.want)
		}
		if strings.Contains(msg, "&{") || strings.Contains(msg, "Got:") {
			t.Errorf("%s(%v): %q reads like a Go struct", tc.tool, tc.args, msg)
		}
	}
	if n := h.sb.Requests(); n != 0 {
		t.Errorf("invalid calls reached Clerk %d times", n)
	}
	for _, r := range h.auditLines() {
		if r.Outcome != "invalid_arguments" || r.UserID != "" || r.SignInTokenID != "" {
			t.Errorf("audit %+v: want invalid_arguments without unchecked ids", r)
		}
	}
}

func TestClerkErrorClasses(t *testing.T) {
	for _, tc := range []struct {
		name    string
		key     string
		fault   *clerktest.Fault
		tool    string
		args    map[string]any
		want    []string
		outcome string
	}{
		{name: "unknown user", tool: toolCreate, args: map[string]any{"user_id": "user_nobody"},
			want: []string{"HTTP 404 Not Found", "code: resource_not_found", "No user was found with id user_nobody", "clerk_trace_id: ", "Check the id"}, outcome: "clerk_error"},
		{name: "unknown token", tool: toolRevoke, args: map[string]any{"sign_in_token_id": "sit_nope"},
			want: []string{"HTTP 404", "resource_not_found"}, outcome: "clerk_error"},
		{name: "not a member", tool: toolCreate, args: map[string]any{"user_id": "user_bob", "org_id": "org_acme"},
			want: []string{"HTTP 403 Forbidden", "code: "}, outcome: "clerk_error"},
		{name: "wrong key", key: "sk_test_not_the_sandbox_key", tool: toolCreate, args: map[string]any{"user_id": "user_alice"},
			want: []string{"HTTP 401", "clerk_key_invalid", "operator must fix"}, outcome: "clerk_error"},
		{name: "rate limited", fault: &clerktest.Fault{Status: 429, RetryAfter: 90 * time.Second}, tool: toolCreate, args: map[string]any{"user_id": "user_alice"},
			want: []string{"HTTP 429 Too Many Requests", "too_many_requests", "retry_after_seconds: 90"}, outcome: "clerk_error"},
		{name: "server error", fault: &clerktest.Fault{Status: 500}, tool: toolCreate, args: map[string]any{"user_id": "user_alice"},
			want: []string{"HTTP 500", "internal_clerk_error", "trying again later"}, outcome: "clerk_error"},
		{name: "proxy html", fault: &clerktest.Fault{Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"}, tool: toolRevoke, args: map[string]any{"sign_in_token_id": "sit_x"},
			want: []string{"Clerk's answer could not be used (502 Bad Gateway", "text/html"}, outcome: "bad_answer"},
		{name: "lost answer", fault: &clerktest.Fault{Drop: true, AfterProcessing: true}, tool: toolCreate, args: map[string]any{"user_id": "user_alice"},
			want: []string{"No answer from Clerk", "connection reset", "Do not simply retry"}, outcome: "unreachable"},
		{name: "unreachable", fault: &clerktest.Fault{Unreachable: true}, tool: toolRevoke, args: map[string]any{"sign_in_token_id": "sit_x"},
			want: []string{"No answer from Clerk", "connection refused"}, outcome: "unreachable"},
		{name: "timeout", fault: &clerktest.Fault{Latency: time.Hour}, tool: toolCreate, args: map[string]any{"user_id": "user_alice"},
			want: []string{"No answer from Clerk: create sign-in token: timed out"}, outcome: "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.key)
			if tc.fault != nil {
				h.sb.Inject(*tc.fault)
			}
			msg := h.failure(h.call(tc.tool, tc.args))
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
			if a := h.auditLines(); len(a) != 1 || a[0].Outcome != tc.outcome {
				t.Errorf("audit %+v: want one line with outcome %s", a, tc.outcome)
			}
		})
	}
}

func TestPolicy(t *testing.T) {
	t.Run("allowlist", func(t *testing.T) {
		h := newHarness(t, "", "--tools", toolRevoke)
		if tools := h.listTools(); len(tools) != 1 || tools[0].Name != toolRevoke {
			t.Fatalf("tools/list = %+v; want only %s", tools, toolRevoke)
		}
		req := mcpCall(toolCreate, map[string]any{"user_id": "user_alice"})
		if _, err := h.client.CallTool(testContext(t), req); err == nil || !strings.Contains(err.Error(), "not found") {
			t.Fatalf("hidden tool call: %v; want a not-found refusal", err)
		}
		if h.sb.Tokens("") != 0 {
			t.Fatal("the hidden tool minted a token")
		}
	})
	t.Run("ceiling and default", func(t *testing.T) {
		h := newHarness(t, "", "--max-expires-in-seconds", "3600", "--default-expires-in-seconds", "300")
		msg := h.failure(h.call(toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": 3601}))
		if !strings.HasPrefix(msg, "Refused by this server's policy: ") || !strings.Contains(msg, "ceiling of 3600 seconds (1 hour)") {
			t.Fatalf("over the ceiling: %q", msg)
		}
		h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": 3600}))
		h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
		a := h.auditLines()
		if a[0].Outcome != "refused" || a[0].UserID != "" || a[1].ExpiresInSeconds != 3600 || a[2].ExpiresInSeconds != 300 {
			t.Fatalf("audit %+v", a)
		}
		if h.sb.Requests() != 2 {
			t.Fatalf("%d requests reached Clerk, want 2 (the refused call must not)", h.sb.Requests())
		}
	})
	t.Run("ceiling below Clerk's default", func(t *testing.T) {
		h := newHarness(t, "", "--max-expires-in-seconds", "600")
		h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
		if got := h.auditLines()[0].ExpiresInSeconds; got != 600 {
			t.Fatalf("omitted lifetime became %d, want the ceiling 600", got)
		}
	})
}

// TestConcurrentCallsAuditWholeLines: calls at once, each audited through the logSink the
// server writes the trail with, give one whole record each (go test -race checks the
// writes share no unguarded state).
func TestConcurrentCallsAuditWholeLines(t *testing.T) {
	var out syncBuffer
	sink := newLogSink(&out)
	cc, err := clerktest.New().Client()
	if err != nil {
		t.Fatal(err)
	}
	tools := newTools(t, cc, sink)
	const calls = 64
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			tools.audit.write(&auditRecord{Tool: toolCreate, UserID: "user_" + strconv.Itoa(i), OrgID: "org_" + strings.Repeat("x", 400), Outcome: "ok"})
		})
	}
	wg.Wait()
	sink.close(newExitDeadline())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		var r auditRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("audit line %q: %v", cut.Preview(l, 100), err)
		}
		seen[r.UserID] = true
	}
	if len(lines) != calls || len(seen) != calls {
		t.Fatalf("%d lines, %d distinct records for %d calls", len(lines), len(seen), calls)
	}
}
