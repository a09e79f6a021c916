package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// defaultConfirmTimeout is how long a call waits for the person's answer unless the
// operator sets --confirm-timeout-seconds: long enough to read a dialog and decide.
const defaultConfirmTimeout = 2 * time.Minute

// confirmMode is when the person is asked before a credential is minted.
type confirmMode string

const (
	confirmAuto     confirmMode = "auto"     // whenever the client declared elicitation
	confirmRequired confirmMode = "required" // and refuse a client that cannot ask
	confirmNever    confirmMode = "never"    // the host's own tool confirmation is enough
)

// confirmPolicy is the operator's choice of when to ask, what, and how long to wait.
type confirmPolicy struct {
	mode    confirmMode
	revoke  bool // ask before a revoke too
	timeout time.Duration
}

func parseConfirmMode(v string) (confirmMode, error) {
	switch m := confirmMode(v); m {
	case "":
		return confirmAuto, nil
	case confirmAuto, confirmRequired, confirmNever:
		return m, nil
	}
	return "", errors.New("must be auto, required or never")
}

// Who decided, as the audit log's "decision" records it.
const (
	decidedAccepted      = "person_accepted"
	decidedDeclined      = "person_declined"
	decidedCancelled     = "person_cancelled"
	decidedNoAnswer      = "no_answer"        // the timeout passed, or the client's input ended
	decidedCallCancelled = "call_cancelled"   // notifications/cancelled while waiting
	decidedClientFailed  = "client_error"     // the client answered with an error or nonsense
	notAskedPolicy       = "not_asked_policy" // --confirm never
	notAskedNoCapability = "not_asked_client_cannot_ask"
	notAskedTooMany      = "not_asked_too_many_open" // maxOpenQuestions unanswered (questions.go)
)

// notConfirmed stops a call that no person agreed to; nothing was sent to Clerk.
type notConfirmed struct{ msg string }

func (e *notConfirmed) Error() string { return e.msg }

// confirmation is a question to put to the person before a call goes on.
type confirmation struct {
	message string // in plain words: who, for how long, what it does
	subject string // what the question is about, for the results' texts
	digest  string // the call's arguments, binding a multi round-trip answer to them
}

// confirmKey names the question among a multi round-trip result's input requests.
const confirmKey = "confirm"

// confirm applies the operator's confirmation policy to a call about to reach Clerk and
// records the decision in rec. It returns (nil, nil) when the call may go on; a result
// asking the client for the person's answer (protocol 2026-07-28 and later, where the
// client retries the call with the answer); or a *notConfirmed error.
func (t *tokenTools) confirm(ctx context.Context, req mcp.CallToolRequest, rec *auditRecord, q confirmation) (*mcp.CallToolResult, error) {
	p := t.policy.confirm
	if p.mode == confirmNever || (rec.Tool == toolRevoke && !p.revoke) {
		rec.Decision = notAskedPolicy
		return nil, nil
	}
	if !clientCanAsk(ctx) {
		rec.Decision = notAskedNoCapability
		if p.mode == confirmRequired {
			return nil, &notConfirmed{"This server requires a person to confirm " + q.subject + ", and this client cannot ask them " +
				"(it did not declare the MCP elicitation capability for forms). Nothing was sent to Clerk. " +
				"Use a client that supports elicitation, or ask the server's operator."}
		}
		return nil, nil
	}
	params := mcp.ElicitationParams{Message: q.message, RequestedSchema: confirmSchema}
	var (
		res *mcp.ElicitationResult
		err error
	)
	if server.IsModernRequest(ctx) {
		var ask *mcp.CallToolResult
		if res, ask, err = t.questions.answer(req.Params.MultiRoundTripParams, q.digest, p.timeout, params); ask != nil {
			return ask, nil
		}
	} else {
		wait, cancel := context.WithTimeout(ctx, p.timeout)
		defer cancel()
		res, err = server.ServerFromContext(ctx).RequestElicitation(wait, mcp.ElicitationRequest{
			Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)}, Params: params})
		if err != nil && ctx.Err() != nil {
			rec.Decision = decidedCallCancelled
			return nil, &notConfirmed{"The call was cancelled while the person was being asked about " + q.subject + ". Nothing was sent to Clerk."}
		}
	}
	return nil, decide(rec, res, err, q, p.timeout)
}

// decide turns the person's answer, or its absence, into the call's fate.
func decide(rec *auditRecord, res *mcp.ElicitationResult, err error, q confirmation, timeout time.Duration) error {
	nothing := " Nothing was sent to Clerk."
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, errQuestionExpired):
		rec.Decision = decidedNoAnswer
		return &notConfirmed{"No answer from the person within " + humanSeconds(int64(timeout/time.Second)) + " about " + q.subject + "." + nothing}
	case errors.Is(err, errTooManyOpen):
		rec.Decision = notAskedTooMany
		return &notConfirmed{"The person could not be asked about " + q.subject + ": " + err.Error() + "." + nothing + " Try again later."}
	case errors.Is(err, errInputEnded):
		rec.Decision = decidedNoAnswer
		return &notConfirmed{"No answer from the person about " + q.subject + ": the session ended first." + nothing}
	case err != nil:
		rec.Decision = decidedClientFailed
		return &notConfirmed{"The client could not ask the person about " + q.subject + " (" + err.Error() + ")." + nothing}
	}
	switch res.Action {
	case mcp.ElicitationResponseActionAccept:
		rec.Decision = decidedAccepted
		return nil
	case mcp.ElicitationResponseActionDecline:
		rec.Decision = decidedDeclined
		return &notConfirmed{"The person declined " + q.subject + "." + nothing + " Do not try again unless they ask for it."}
	case mcp.ElicitationResponseActionCancel:
		rec.Decision = decidedCancelled
		return &notConfirmed{"The person cancelled the question about " + q.subject + " without agreeing." + nothing}
	}
	rec.Decision = decidedClientFailed
	return &notConfirmed{"The client's answer about " + q.subject + " is neither accept, decline nor cancel." + nothing}
}

// confirmSchema asks for nothing but the decision: the person sees the message and
// accepts, declines or cancels. An object without properties is valid in every
// protocol version that has elicitation, and hosts show it as a plain yes/no question.
var confirmSchema = map[string]any{"type": "object", "properties": map[string]any{}}

// clientCanAsk reports whether the client declared form elicitation: for this request
// (2026-07-28 and later) or at initialize (earlier versions). An empty elicitation object
// means forms, for compatibility with 2025-06-18.
func clientCanAsk(ctx context.Context) bool {
	var caps mcp.ClientCapabilities
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		if info.ClientCapabilities != nil {
			caps = *info.ClientCapabilities
		}
	} else if s, ok := server.ClientSessionFromContext(ctx).(server.SessionWithClientInfo); ok {
		caps = s.GetClientCapabilities()
	}
	e := caps.Elicitation
	return e != nil && (e.Form != nil || e.URL == nil)
}

// createQuestion says in plain words what accepting a create does.
func createQuestion(userID, orgID string, expires int64) confirmation {
	who := "user " + userID
	if orgID != "" {
		who += " in organization " + orgID
	}
	return confirmation{
		message: fmt.Sprintf("An AI assistant asks to create a sign-in link for %s, valid for %s. "+
			"Whoever opens the link is signed in as that user, without a password. Allow it?", who, humanSeconds(expires)),
		subject: "a sign-in link for " + who,
		digest:  fmt.Sprintf("%s\x00%s\x00%s\x00%d", toolCreate, userID, orgID, expires),
	}
}

// revokeQuestion says in plain words what accepting a revoke does.
func revokeQuestion(id string) confirmation {
	return confirmation{
		message: "An AI assistant asks to revoke sign-in token " + id + ": its link will no longer sign anyone in. Allow it?",
		subject: "revoking sign-in token " + id,
		digest:  toolRevoke + "\x00" + id,
	}
}
