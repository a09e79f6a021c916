package main

import (
	"context"
	"encoding/json"
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
	args, err := decodeArguments(req, "user_id", "expires_in_seconds", "org_id")
	if err != nil {
		return p, err
	}
	if p.UserID, err = args.id("user_id", "user", "user_", true); err != nil {
		return p, err
	}
	rec.UserID = p.UserID
	if p.OrgID, err = args.id("org_id", "organization", "org_", false); err != nil {
		return p, err
	}
	rec.OrgID = p.OrgID
	if p.ExpiresInSeconds, err = args.seconds("expires_in_seconds"); err != nil {
		return p, err
	}
	if p.ExpiresInSeconds == 0 {
		p.ExpiresInSeconds = t.policy.defaultExpires
	}
	rec.ExpiresInSeconds = p.ExpiresInSeconds
	if max := t.policy.maxExpires; max > 0 && p.ExpiresInSeconds > max {
		return p, &policyError{fmt.Sprintf("expires_in_seconds %d is above this server's ceiling of %d seconds (%s), set by its operator; "+
			"ask for %d or less, or omit it for the default of %d", p.ExpiresInSeconds, max, humanSeconds(max), max, t.policy.defaultExpires)}
	}
	return p, nil
}

func (t *tokenTools) revoke(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	rec := auditRecord{Tool: toolRevoke}
	args, err := decodeArguments(req, "sign_in_token_id")
	if err != nil {
		return t.finish(&rec, nil, err), nil
	}
	id, err := args.id("sign_in_token_id", "sign-in token", "sit_", true)
	if err != nil {
		return t.finish(&rec, nil, err), nil
	}
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

// tokenOut is the structuredContent of a success, with Clerk's own field names. Token and
// url are omitted when Clerk sent none (a revoke's answer carries no credential).
type tokenOut struct {
	Object    string `json:"object"`
	ID        string `json:"id"`
	Status    string `json:"status"`
	UserID    string `json:"user_id"`
	Token     string `json:"token,omitempty"`
	URL       string `json:"url,omitempty"`
	CreatedAt int64  `json:"created_at"`
	UpdatedAt int64  `json:"updated_at"`
}

// tokenResult returns the token as the tool's result; a token object above
// maxTokenBytes is no real one (a sign-in token and its url are about 2 KB), and is
// refused rather than passed to the model twice over (text and structuredContent).
func tokenResult(tok *clerkmini.SignInToken) (*mcp.CallToolResult, error) {
	out := tokenOut{Object: tok.Object, ID: tok.ID, Status: tok.Status, UserID: tok.UserID,
		Token: tok.Token, URL: tok.URL, CreatedAt: tok.CreatedAt, UpdatedAt: tok.UpdatedAt}
	text, _ := json.Marshal(out) // strings and integers only: cannot fail
	if len(text) > maxTokenBytes {
		return nil, &oversizeError{size: len(text)}
	}
	return mcp.NewToolResultStructured(out, string(text)), nil
}

// oversizeError is a successful answer too large to pass on.
type oversizeError struct{ size int }

func (e *oversizeError) Error() string {
	return "the token object is " + thousands(e.size) + " bytes, more than the " + sizeText(maxTokenBytes) + " this server passes on"
}

// policyError is a call the operator's policy refuses.
type policyError struct{ msg string }

func (e *policyError) Error() string { return e.msg }
