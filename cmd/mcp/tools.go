package main

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// The tools' names, fixed by the mission: hosts and users' configurations refer to them.
const (
	toolCreate = "create_sign_in_token"
	toolRevoke = "revoke_sign_in_token"
)

// allToolNames lists every tool, in the order tools/list returns them.
var allToolNames = []string{toolCreate, toolRevoke}

// newServer builds the MCP server with the tools their policy exposes; a hidden tool is not
// registered at all, so it is neither listed nor callable.
func newServer(t *tokenTools) *server.MCPServer {
	srv := server.NewMCPServer("clerkmini", version,
		server.WithTitle("Clerk sign-in tokens (clerkmini)"),
		server.WithToolCapabilities(false),
		// No server.WithRecovery: serveStdio's dispatch recovers every panic, a tool's
		// included, and answers without quoting its value (WithRecovery would).
		server.WithInstructions("Creates and revokes Clerk sign-in tokens. A created token's `token` and `url` "+
			"sign the user in: treat them as secrets, give them only to the person they are for."),
	)
	handlers := map[string]server.ToolHandlerFunc{toolCreate: t.create, toolRevoke: t.revoke}
	for _, tool := range toolDefinitions(t.policy) {
		if slices.Contains(t.policy.tools, tool.Name) {
			srv.AddTool(tool, handlers[tool.Name])
		}
	}
	return srv
}

// toolDefinitions returns both tools as the policy describes them (the default and the
// ceiling of a token's lifetime appear in the descriptions the model reads).
func toolDefinitions(p policy) []mcp.Tool {
	create := mcp.Tool{
		Name:  toolCreate,
		Title: "Create sign-in token",
		Description: "Creates a Clerk sign-in token for a user: a one-use credential that signs that user in without a password, " +
			"until it is used, revoked or expires. The returned `token` and `url` sign the user in: handle them as a secret, " +
			"give them only to the person they are for, and never post them anywhere shared. " +
			"Returns the token object with its `id` (sit_…), needed to revoke it.",
		RawInputSchema:  createArgs.inputSchema(p),
		RawOutputSchema: tokenSchema,
		Annotations:     annotations("Create sign-in token", false, false, false, true),
	}
	revoke := mcp.Tool{
		Name:  toolRevoke,
		Title: "Revoke sign-in token",
		Description: "Revokes a pending Clerk sign-in token so that it can no longer sign anyone in. " +
			"Only pending tokens can be revoked: a token already used or revoked yields an error that says so. " +
			"Returns the token object with status \"revoked\" (without its credential).",
		RawInputSchema:  revokeArgs.inputSchema(p),
		RawOutputSchema: tokenSchema,
		Annotations:     annotations("Revoke sign-in token", false, true, true, true),
	}
	return []mcp.Tool{create, revoke}
}

// annotations sets all four hints explicitly: mcp.NewTool's defaults are the most
// dangerous ones, and hosts decide on confirmations and read-only modes from them.
func annotations(title string, readOnly, destructive, idempotent, openWorld bool) mcp.ToolAnnotation {
	return mcp.ToolAnnotation{Title: title, ReadOnlyHint: &readOnly, DestructiveHint: &destructive,
		IdempotentHint: &idempotent, OpenWorldHint: &openWorld}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only literals above reach here
	}
	return b
}

func humanSeconds(s int64) string {
	switch {
	case s%86400 == 0:
		return plural(s/86400, "day")
	case s%3600 == 0:
		return plural(s/3600, "hour")
	case s%60 == 0:
		return plural(s/60, "minute")
	}
	return plural(s, "second")
}

func plural(n int64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
