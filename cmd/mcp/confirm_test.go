package main

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// person is a client's elicitation handler that answers as a person would: with action,
// after delay; an empty action never answers.
type person struct {
	action mcp.ElicitationResponseAction
	delay  time.Duration

	mu    sync.Mutex
	asked []mcp.ElicitationParams
}

func (p *person) Elicit(ctx context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	p.mu.Lock()
	p.asked = append(p.asked, req.Params)
	p.mu.Unlock()
	if p.action == "" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	time.Sleep(p.delay)
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: p.action}}, nil
}

func (p *person) questions() []mcp.ElicitationParams {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]mcp.ElicitationParams(nil), p.asked...)
}

// TestPersonDecidesInProcess: with mcp-go's client (protocol 2026-07-28: the question
// travels as a multi round-trip result), the person is asked in plain words and only an
// accept reaches Clerk.
func TestPersonDecidesInProcess(t *testing.T) {
	for _, tc := range []struct {
		action   mcp.ElicitationResponseAction
		decision string
		text     string // in the isError result; "" for a success
	}{
		{mcp.ElicitationResponseActionAccept, decidedAccepted, ""},
		{mcp.ElicitationResponseActionDecline, decidedDeclined, "The person declined a sign-in link for user user_alice in organization org_acme. Nothing was sent to Clerk."},
		{mcp.ElicitationResponseActionCancel, decidedCancelled, "The person cancelled the question about a sign-in link for user user_alice in organization org_acme without agreeing. Nothing was sent to Clerk."},
	} {
		t.Run(string(tc.action), func(t *testing.T) {
			p := &person{action: tc.action}
			h := newHarnessWith(t, "", []client.ClientOption{client.WithElicitationHandler(p)})
			res := h.call(toolCreate, map[string]any{"user_id": "user_alice", "org_id": "org_acme", "expires_in_seconds": 600})
			q := p.questions()
			if len(q) != 1 {
				t.Fatalf("the person was asked %d times, want once", len(q))
			}
			for _, want := range []string{"user user_alice", "organization org_acme", "10 minutes", "signed in as that user"} {
				if !strings.Contains(q[0].Message, want) {
					t.Errorf("question %q does not say %q", q[0].Message, want)
				}
			}
			rec := h.auditLines()
			if len(rec) != 1 || rec[0].Decision != tc.decision {
				t.Fatalf("audit %+v, want one line with decision %s", rec, tc.decision)
			}
			if tc.text == "" {
				if tok := h.token(res); tok.UserID != "user_alice" || h.sb.Tokens("pending") != 1 || rec[0].Outcome != "ok" {
					t.Fatalf("accepted: token %+v, sandbox has %d pending, audit %+v", tok, h.sb.Tokens("pending"), rec[0])
				}
				return
			}
			if got := h.failure(res); !strings.Contains(got, tc.text) {
				t.Errorf("result %q, want %q", got, tc.text)
			}
			if n := h.sb.Requests(); n != 0 || rec[0].Outcome != "not_confirmed" || rec[0].SignInTokenID != "" {
				t.Fatalf("not accepted, yet Clerk got %d requests; audit %+v", n, rec[0])
			}
		})
	}
}

// TestLateAnswerIsNoAnswer: an answer that comes back after the timeout does not count.
func TestLateAnswerIsNoAnswer(t *testing.T) {
	p := &person{action: mcp.ElicitationResponseActionAccept, delay: 1100 * time.Millisecond}
	h := newHarnessWith(t, "", []client.ClientOption{client.WithElicitationHandler(p)}, "--confirm-timeout-seconds", "1")
	msg := h.failure(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
	if !strings.Contains(msg, "No answer from the person within 1 second") || h.sb.Requests() != 0 {
		t.Fatalf("late accept: %q, %d requests reached Clerk", msg, h.sb.Requests())
	}
	if rec := h.auditLines(); len(rec) != 1 || rec[0].Decision != decidedNoAnswer {
		t.Fatalf("audit %+v", rec)
	}
}

// TestConfirmPolicies: never asks no one; required refuses a client that cannot ask;
// revokes are asked about only when the operator says so.
func TestConfirmPolicies(t *testing.T) {
	t.Run("required without the capability", func(t *testing.T) {
		h := newHarness(t, "", "--confirm", "required")
		msg := h.failure(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
		if !strings.Contains(msg, "requires a person to confirm") || h.sb.Requests() != 0 {
			t.Fatalf("%q, %d requests reached Clerk", msg, h.sb.Requests())
		}
		if rec := h.auditLines(); len(rec) != 1 || rec[0].Decision != notAskedNoCapability || rec[0].Outcome != "not_confirmed" {
			t.Fatalf("audit %+v", rec)
		}
	})
	t.Run("never", func(t *testing.T) {
		p := &person{action: mcp.ElicitationResponseActionDecline}
		h := newHarnessWith(t, "", []client.ClientOption{client.WithElicitationHandler(p)}, "--confirm", "never")
		h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
		if len(p.questions()) != 0 || h.auditLines()[0].Decision != notAskedPolicy {
			t.Fatalf("asked %d times; audit %+v", len(p.questions()), h.auditLines())
		}
	})
	t.Run("revoke", func(t *testing.T) {
		for _, confirmRevoke := range []bool{false, true} {
			p := &person{action: mcp.ElicitationResponseActionAccept}
			args := []string{}
			if confirmRevoke {
				args = append(args, "--confirm-revoke")
			}
			h := newHarnessWith(t, "", []client.ClientOption{client.WithElicitationHandler(p)}, args...)
			tok := h.token(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
			h.token(h.call(toolRevoke, map[string]any{"sign_in_token_id": tok.ID}))
			q := p.questions()
			if want := map[bool]int{false: 1, true: 2}[confirmRevoke]; len(q) != want {
				t.Fatalf("--confirm-revoke=%v: asked %d times, want %d", confirmRevoke, len(q), want)
			}
			if confirmRevoke && !strings.Contains(q[1].Message, "revoke sign-in token "+tok.ID) {
				t.Errorf("revoke question %q", q[1].Message)
			}
		}
	})
}

// modernTools is the tools' handlers called directly as a 2026-07-28 client that declared
// elicitation would call them; create calls create for user with an answer and the state
// it came with.
func modernTools(t *testing.T) (sb *clerktest.Sandbox, create func(user, state string, answers mcp.InputResponses) *mcp.CallToolResult) {
	sb = clerktest.New()
	cc, err := clerkmini.New(sb.SecretKey(), clerkmini.WithTransport(sb), clerkmini.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	tools := newTools(t, cc, io.Discard)
	caps := mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{}}
	ctx := server.WithRequestProtocolInfo(context.Background(), &server.RequestProtocolInfo{
		Modern: true, ProtocolVersion: "2026-07-28", ClientCapabilities: &caps})
	return sb, func(user, state string, answers mcp.InputResponses) *mcp.CallToolResult {
		req := mcpCall(toolCreate, map[string]any{"user_id": user})
		req.Params.InputResponses, req.Params.RequestState = answers, state
		res, err := tools.create(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
}

// asked returns the requestState of a result that asks the person, failing otherwise.
func asked(t *testing.T, what string, res *mcp.CallToolResult) string {
	t.Helper()
	if !res.NeedsInput() || res.InputRequests[confirmKey].Elicitation == nil || res.RequestState == "" {
		t.Fatalf("%s: got %+v, want the question asked", what, res)
	}
	return res.RequestState
}

var accepted = mcp.InputResponses{confirmKey: mcp.NewElicitationInputResponse(mcp.ElicitationResult{
	ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept}})}

// TestAnswerMustMatchAQuestion: on protocol 2026-07-28 the answer comes with the call's
// retry. A made-up answer, an answer about other arguments, or the replay of an accepted
// retry gets the question asked (again) rather than a token.
func TestAnswerMustMatchAQuestion(t *testing.T) {
	sb, create := modernTools(t)
	asked(t, "a made-up answer", create("user_alice", "made-up", accepted))
	state := asked(t, "first call", create("user_alice", "", nil))
	asked(t, "an answer about another user", create("user_bob", state, accepted))
	state = asked(t, "first call", create("user_alice", "", nil))
	if res := create("user_alice", state, accepted); res.IsError || res.NeedsInput() {
		t.Fatalf("the answer to the question asked: %+v", res)
	}
	asked(t, "a replayed retry", create("user_alice", state, accepted))
	if n := sb.Tokens(""); n != 1 {
		t.Fatalf("%d tokens minted, want 1", n)
	}
}

// TestOpenQuestionsAreBounded: questions nobody answers are remembered up to
// maxOpenQuestions; beyond, a create is refused rather than memory grown, and an answered
// question frees its place.
func TestOpenQuestionsAreBounded(t *testing.T) {
	sb, create := modernTools(t)
	states := make([]string, maxOpenQuestions)
	for i := range states {
		states[i] = asked(t, "an open question", create("user_alice", "", nil))
	}
	res := create("user_alice", "", nil)
	if !res.IsError || text(res) != "The person could not be asked about a sign-in link for user user_alice: "+
		"too many questions are waiting for an answer. Nothing was sent to Clerk. Try again later." {
		t.Fatalf("question %d: %+v, want a refusal", maxOpenQuestions+1, res)
	}
	if res := create("user_alice", states[0], accepted); res.IsError || res.NeedsInput() {
		t.Fatalf("answering an open question: %+v", res)
	}
	asked(t, "a question in the freed place", create("user_alice", "", nil))
	if sb.Tokens("") != 1 {
		t.Fatalf("%d tokens, want 1", sb.Tokens(""))
	}
}
