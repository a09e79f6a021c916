package main

import (
	"encoding/json"
	"strings"
	"syscall"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

// asking starts the binary on an HTTP sandbox, initializes as a client that can ask the
// person, calls create as request 1 and returns the server's elicitation/create.
func asking(t *testing.T, args ...string) (*proc, *clerktest.Sandbox, rpc) {
	t.Helper()
	sb, env := sandboxHTTP(t)
	p := start(t, env, args...)
	p.initializeWith(map[string]any{"elicitation": map[string]any{"form": map[string]any{}}})
	p.callTool(1, toolCreate, map[string]any{"user_id": "user_alice", "expires_in_seconds": 3600})
	q := p.read()
	var params struct {
		Message         string `json:"message"`
		RequestedSchema struct {
			Type       string         `json:"type"`
			Properties map[string]any `json:"properties"`
		} `json:"requestedSchema"`
	}
	var id string
	if q.Method != "elicitation/create" || json.Unmarshal(q.ID, &id) != nil || !strings.HasPrefix(id, outboundIDPrefix) ||
		json.Unmarshal(q.Params, &params) != nil || params.RequestedSchema.Type != "object" || params.RequestedSchema.Properties == nil {
		t.Fatalf("want elicitation/create with a string id and an object schema, got %s %s %s", q.Method, q.ID, q.Params)
	}
	if !strings.Contains(params.Message, "user user_alice, valid for 1 hour") {
		t.Fatalf("question %q", params.Message)
	}
	return p, sb, q
}

// answer writes the client's response to the server's request q.
func (p *proc) answer(q rpc, field string, value any) {
	p.t.Helper()
	p.send(map[string]any{"jsonrpc": "2.0", "id": q.ID, field: value})
}

// TestStdioRoutesTheAnswer: responses are matched to the server's own requests by id; one
// to no request of ours (an unknown id, the id of the client's own request, an answer given
// twice) is dropped with a log line and never answered.
func TestStdioRoutesTheAnswer(t *testing.T) {
	p, sb, q := asking(t)
	p.send(map[string]any{"jsonrpc": "2.0", "id": outboundIDPrefix + "999", "result": map[string]any{"action": "accept"}})
	p.send(map[string]any{"jsonrpc": "2.0", "id": 1, "result": map[string]any{"action": "accept"}})
	waitFor(t, "two ignored responses", func() bool { return strings.Count(p.stderr.String(), "ignored a response") == 2 })
	if sb.Requests() != 0 {
		t.Fatal("a stray response let the call reach Clerk")
	}
	p.answer(q, "result", map[string]any{"action": "accept"})
	m := p.read()
	if string(m.ID) != "1" || m.Result == nil || m.Result.IsError {
		t.Fatalf("after accept: %+v %s", m, m.text())
	}
	p.answer(q, "result", map[string]any{"action": "accept"})
	waitFor(t, "the second answer ignored", func() bool { return strings.Count(p.stderr.String(), "ignored a response") == 3 })
	if code := p.exit(); code != 0 || sb.Requests() != 1 {
		t.Fatalf("exit %d, %d requests to Clerk; want 0 and 1", code, sb.Requests())
	}
	rec := auditOf(t, p.stderr.String())
	if len(rec) != 1 || rec[0].Decision != decidedAccepted || rec[0].Outcome != "ok" {
		t.Fatalf("audit %+v", rec)
	}
	if strings.Contains(p.raw.String(), `"id":"`+outboundIDPrefix+`999"`) {
		t.Fatal("the server answered a response")
	}
}

// TestStdioNothingSentWithoutYes: every way of not saying yes ends the call with an
// isError result, Clerk untouched, and the audit line saying who decided.
func TestStdioNothingSentWithoutYes(t *testing.T) {
	for _, tc := range []struct {
		name, decision, text string
		args                 []string
		act                  func(p *proc, q rpc)
	}{
		{"decline", decidedDeclined, "The person declined a sign-in link for user user_alice. Nothing was sent to Clerk.", nil,
			func(p *proc, q rpc) { p.answer(q, "result", map[string]any{"action": "decline"}) }},
		{"cancel", decidedCancelled, "The person cancelled the question", nil,
			func(p *proc, q rpc) { p.answer(q, "result", map[string]any{"action": "cancel"}) }},
		{"nonsense", decidedClientFailed, "neither accept, decline nor cancel", nil,
			func(p *proc, q rpc) { p.answer(q, "result", map[string]any{"action": "yes please"}) }},
		{"error", decidedClientFailed, "JSON-RPC error -32602", nil,
			func(p *proc, q rpc) { p.answer(q, "error", map[string]any{"code": -32602, "message": "no forms here"}) }},
		{"timeout", decidedNoAnswer, "No answer from the person within 1 second", []string{"--confirm-timeout-seconds", "1"},
			func(p *proc, q rpc) { p.expectCancelled(q) }},
		{"call cancelled", decidedCallCancelled, "The call was cancelled while the person was being asked", nil,
			func(p *proc, q rpc) {
				p.send(map[string]any{"jsonrpc": "2.0", "method": "notifications/cancelled", "params": map[string]any{"requestId": 1}})
				p.expectCancelled(q)
			}},
		{"end of input", decidedNoAnswer, "the session ended first", nil, func(p *proc, q rpc) { p.stdin.Close() }},
		{"signal", decidedNoAnswer, "the session ended first", nil, func(p *proc, q rpc) {
			if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				p.t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, sb, q := asking(t, tc.args...)
			tc.act(p, q)
			m := p.read()
			if string(m.ID) != "1" || m.Result == nil || !m.Result.IsError || !strings.Contains(m.text(), tc.text) {
				t.Fatalf("got %+v %q, want isError containing %q", m, m.text(), tc.text)
			}
			if code := p.exit(); code != 0 || sb.Requests() != 0 {
				t.Fatalf("exit %d, %d requests to Clerk; want 0 and 0", code, sb.Requests())
			}
			rec := auditOf(t, p.stderr.String())
			if len(rec) != 1 || rec[0].Decision != tc.decision || rec[0].Outcome != "not_confirmed" || rec[0].UserID != "user_alice" {
				t.Fatalf("audit %+v, want decision %s", rec, tc.decision)
			}
		})
	}
}

// expectCancelled reads the server's notifications/cancelled for its request q.
func (p *proc) expectCancelled(q rpc) {
	p.t.Helper()
	m := p.read()
	var params struct {
		RequestID json.RawMessage `json:"requestId"`
	}
	if m.Method != "notifications/cancelled" || json.Unmarshal(m.Params, &params) != nil || string(params.RequestID) != string(q.ID) {
		p.t.Fatalf("want notifications/cancelled for %s, got %s %s", q.ID, m.Method, m.Params)
	}
}

// TestRequiredRefusesAClientThatCannotAsk, over stdio with a client that declared nothing.
func TestRequiredRefusesAClientThatCannotAsk(t *testing.T) {
	sb, env := sandboxHTTP(t)
	p := start(t, append(env, "CLERKMINI_MCP_CONFIRM=required"))
	p.initialize()
	p.callTool(1, toolCreate, map[string]any{"user_id": "user_alice"})
	m := p.read()
	if m.Result == nil || !m.Result.IsError || !strings.Contains(m.text(), "cannot ask them") {
		t.Fatalf("got %+v %q", m, m.text())
	}
	if p.exit(); sb.Requests() != 0 {
		t.Fatal("the refused call reached Clerk")
	}
}

// TestMCPGoClientOverStdio: mcp-go's own stdio client with an elicitation handler, in both
// protocol eras: 2025-11-25 (elicitation/create from the server) and 2026-07-28 (the
// question in a multi round-trip result).
func TestMCPGoClientOverStdio(t *testing.T) {
	for _, version := range []string{"2025-11-25", mcp.LATEST_PROTOCOL_VERSION} {
		for _, action := range []mcp.ElicitationResponseAction{mcp.ElicitationResponseActionAccept, mcp.ElicitationResponseActionDecline} {
			t.Run(version+"/"+string(action), func(t *testing.T) {
				sb, env := sandboxHTTP(t)
				who := &person{action: action}
				c := client.NewClient(transport.NewStdio(binary, env), client.WithElicitationHandler(who), client.WithProtocolVersion(version))
				t.Cleanup(func() { c.Close() })
				ctx := testContext(t)
				if err := c.Start(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := c.Initialize(ctx, initRequest(version)); err != nil {
					t.Fatal(err)
				}
				res, err := c.CallTool(ctx, mcpCall(toolCreate, map[string]any{"user_id": "user_alice"}))
				if err != nil {
					t.Fatal(err)
				}
				if n := len(who.questions()); n != 1 {
					t.Fatalf("asked %d times, want once", n)
				}
				if accepted := action == mcp.ElicitationResponseActionAccept; res.IsError == accepted || sb.Requests() != map[bool]int{true: 1, false: 0}[accepted] {
					t.Fatalf("%s: isError %v, %d requests to Clerk: %s", action, res.IsError, sb.Requests(), text(res))
				}
			})
		}
	}
}

// TestPipelinedCreateIsAsked: a client may write initialize and its first call without
// waiting for the answer in between; the call must still see the capabilities initialize
// declared, so the person is asked every time and no token is created unasked.
func TestPipelinedCreateIsAsked(t *testing.T) {
	const rounds = 20
	for i := range rounds {
		sb, env := sandboxHTTP(t)
		p := start(t, env)
		p.request(0, "initialize", map[string]any{"protocolVersion": "2025-11-25",
			"capabilities": map[string]any{"elicitation": map[string]any{"form": map[string]any{}}},
			"clientInfo":   map[string]any{"name": "test", "version": "1"}})
		p.send(map[string]any{"jsonrpc": "2.0", "method": "notifications/initialized"})
		p.callTool(1, toolCreate, map[string]any{"user_id": "user_alice"})
		if m := p.read(); string(m.ID) != "0" || m.Result == nil {
			t.Fatalf("round %d: want the initialize answer first, got %s %s", i, m.ID, m.Method)
		}
		if q := p.read(); q.Method != "elicitation/create" {
			t.Fatalf("round %d: the pipelined create was not asked about (got %s %s); tokens held: %d", i, q.ID, q.Method, sb.Tokens(""))
		}
		if n := sb.Tokens(""); n != 0 {
			t.Fatalf("round %d: %d tokens minted before the person answered", i, n)
		}
		p.exit()
	}
}
