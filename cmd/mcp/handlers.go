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

func (t *tokenTools) create(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	rec := auditRecord{Tool: toolCreate}
	params, err := t.createParams(req, &rec)
	if err == nil {
		var ask *mcp.CallToolResult
		if ask, err = t.confirm(ctx, req, &rec, createQuestion(params.UserID, params.OrgID, params.ExpiresInSeconds)); ask != nil {
			return ask, nil // the client asks the person, then calls again with the answer
		}
	}
	if err != nil {
		return t.finish(&rec, nil, err), nil
	}
	tok, err := t.client.SignInTokens.Create(ctx, params)
	if tok != nil {
		rec.SignInTokenID = tok.ID
	}
	return t.finish(&rec, tok, err), nil
}

// createParams checks the arguments and applies the operator's policy to them.
func (t *tokenTools) createParams(req mcp.CallToolRequest, rec *auditRecord) (clerkmini.CreateSignInTokenParams, error) {
	var p clerkmini.CreateSignInTokenParams
	args, err := createArgs.check(req)
	if err != nil {
		return p, err
	}
	p.UserID, p.OrgID, p.ExpiresInSeconds = args.ids[argUserID], args.ids[argOrgID], args.seconds
	rec.UserID, rec.OrgID = p.UserID, p.OrgID
	if p.ExpiresInSeconds == 0 {
		p.ExpiresInSeconds = t.policy.defaultExpires
	}
	rec.ExpiresInSeconds = p.ExpiresInSeconds
	if max := t.policy.maxExpires; max > 0 && p.ExpiresInSeconds > max {
		return p, &policyError{fmt.Sprintf("%s %d is above this server's ceiling of %d seconds (%s), set by its operator; "+
			"ask for %d or less, or omit it for the default of %d", argExpires, p.ExpiresInSeconds, max, humanSeconds(max), max, t.policy.defaultExpires)}
	}
	return p, nil
}

func (t *tokenTools) revoke(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	rec := auditRecord{Tool: toolRevoke}
	args, err := revokeArgs.check(req)
	if err != nil {
		return t.finish(&rec, nil, err), nil
	}
	id := args.ids[argSignInTokenID]
	rec.SignInTokenID = id
	if ask, err := t.confirm(ctx, req, &rec, revokeQuestion(id)); ask != nil {
		return ask, nil
	} else if err != nil {
		return t.finish(&rec, nil, err), nil
	}
	tok, err := t.client.SignInTokens.Revoke(ctx, id)
	if tok != nil {
		rec.UserID = tok.UserID
	}
	return t.finish(&rec, tok, err), nil
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
