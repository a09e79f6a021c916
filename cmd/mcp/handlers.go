package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/mark3labs/mcp-go/mcp"
)

// tokenTools serves the two tools. Every outcome the model could correct or report is a
// result with isError set: a handler that returned a Go error would become a JSON-RPC
// -32603 that the model never sees.
type tokenTools struct {
	client *clerkmini.Client
	policy policy
	audit  *auditLog
	log    *slog.Logger
	// questions are those put to clients that answer by calling again (confirm.go).
	questions questionBook
}

// toolCall is what one call of a tool, its arguments checked, asks of Clerk.
type toolCall struct {
	question confirmation // put to the person first, when the policy says so
	clerk    func(ctx context.Context) (*clerkmini.SignInToken, error)
	// record adds to the audit what the token Clerk returned tells that the arguments did not.
	record func(rec *auditRecord, tok *clerkmini.SignInToken)
}

// serve runs a call of either tool through the same steps, in the same order: prepare
// checks the arguments and records them in the audit, the person is asked, Clerk is
// called, and finish writes the audit line and the result.
func (t *tokenTools) serve(ctx context.Context, req mcp.CallToolRequest, tool string,
	prepare func(req mcp.CallToolRequest, rec *auditRecord) (toolCall, error)) (*mcp.CallToolResult, error) {
	rec := auditRecord{Tool: tool}
	call, err := prepare(req, &rec)
	if err == nil {
		var ask *mcp.CallToolResult
		if ask, err = t.confirm(ctx, req, &rec, call.question); ask != nil {
			return ask, nil // the client asks the person, then calls again with the answer
		}
	}
	var tok *clerkmini.SignInToken
	if err == nil {
		if tok, err = call.clerk(ctx); tok != nil {
			call.record(&rec, tok)
		}
	}
	return t.finish(&rec, tok, err), nil
}

func (t *tokenTools) create(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return t.serve(ctx, req, toolCreate, t.prepareCreate)
}

// prepareCreate checks the arguments and applies the operator's policy to them.
func (t *tokenTools) prepareCreate(req mcp.CallToolRequest, rec *auditRecord) (toolCall, error) {
	args, err := createArgs.check(req)
	if err != nil {
		return toolCall{}, err
	}
	p := clerkmini.CreateSignInTokenParams{UserID: args.ids[argUserID], OrgID: args.ids[argOrgID], ExpiresInSeconds: args.seconds}
	rec.UserID, rec.OrgID = p.UserID, p.OrgID
	if p.ExpiresInSeconds == 0 {
		p.ExpiresInSeconds = t.policy.defaultExpires
	}
	rec.ExpiresInSeconds = p.ExpiresInSeconds
	if max := t.policy.maxExpires; max > 0 && p.ExpiresInSeconds > max {
		return toolCall{}, &policyError{fmt.Sprintf("%s %d is above this server's ceiling of %d seconds (%s), set by its operator; "+
			"ask for %d or less, or omit it for the default of %d", argExpires, p.ExpiresInSeconds, max, humanSeconds(max), max, t.policy.defaultExpires)}
	}
	return toolCall{
		question: createQuestion(p.UserID, p.OrgID, p.ExpiresInSeconds),
		clerk:    func(ctx context.Context) (*clerkmini.SignInToken, error) { return t.client.SignInTokens.Create(ctx, p) },
		record:   func(rec *auditRecord, tok *clerkmini.SignInToken) { rec.SignInTokenID = tok.ID },
	}, nil
}

func (t *tokenTools) revoke(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return t.serve(ctx, req, toolRevoke, t.prepareRevoke)
}

// prepareRevoke checks the token's id.
func (t *tokenTools) prepareRevoke(req mcp.CallToolRequest, rec *auditRecord) (toolCall, error) {
	args, err := revokeArgs.check(req)
	if err != nil {
		return toolCall{}, err
	}
	id := args.ids[argSignInTokenID]
	rec.SignInTokenID = id
	return toolCall{
		question: revokeQuestion(id),
		clerk: func(ctx context.Context) (*clerkmini.SignInToken, error) {
			return t.client.SignInTokens.Revoke(ctx, id)
		},
		record: func(rec *auditRecord, tok *clerkmini.SignInToken) { rec.UserID = tok.UserID },
	}, nil
}

// finish writes the audit record and turns the outcome into the tool's result.
func (t *tokenTools) finish(rec *auditRecord, tok *clerkmini.SignInToken, err error) *mcp.CallToolResult {
	var res *mcp.CallToolResult
	if err == nil {
		res, err = tokenResult(tok)
	}
	if err == nil {
		rec.Outcome = "ok"
	} else {
		var text string
		text, rec.Outcome, rec.Status, rec.Code = describeError(rec.Tool, err)
		if rec.Outcome == "invalid_arguments" || rec.Outcome == "refused" {
			// Ids the core has not checked yet may be credentials pasted in the wrong place.
			rec.UserID, rec.OrgID, rec.SignInTokenID = "", "", ""
		}
		res = mcp.NewToolResultError(clip(text, maxResultBytes))
	}
	t.audit.write(rec)
	t.log.Debug("tool call", "tool", rec.Tool, "outcome", rec.Outcome, "status", rec.Status, "code", rec.Code)
	return res
}

// policyError is a call the operator's policy refuses.
type policyError struct{ msg string }

func (e *policyError) Error() string { return e.msg }
