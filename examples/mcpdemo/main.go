// Command mcpdemo shows what an AI assistant sees when it uses clerkmini-mcp: it starts the
// server binary on the embedded sandbox, speaks MCP to it over stdio with mcp-go's
// client, and creates a sign-in token, revokes it, and revokes it again; then asks for a
// second token, which the person (played by the demo) declines when the server asks them.
//
//	go run ./examples/mcpdemo bin/clerkmini-mcp     (make demo)
//
// It is the one example of create → revoke → revoke again for MCP clients; examples/quickstart
// is the one for Go programs, and the playground page (web/playground.mjs) the one for
// JavaScript. cmd/mcp's tests run the same sequence through one helper
// (createRevokeRevokeAgain).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mcpdemo path/to/clerkmini-mcp")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mcpdemo:", err)
		os.Exit(1)
	}
}

func run(bin string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := client.NewClient(transport.NewStdio(bin, nil, "--sandbox"), client.WithElicitationHandler(&person{}))
	if err := c.Start(ctx); err != nil {
		return err
	}
	var serverLog []string
	logged := make(chan struct{})
	if stderr, ok := client.GetStderr(c); ok {
		go func() { // the server's own stderr: the sandbox banner, its log and the audit trail
			defer close(logged)
			for s := bufio.NewScanner(stderr); s.Scan(); {
				serverLog = append(serverLog, s.Text())
			}
		}()
	} else {
		close(logged)
	}
	defer func() {
		c.Close() // ends the server: stdin closes, it answers what it read and exits
		select {
		case <-logged:
			fmt.Println("\nThe server's stderr (never the key, a token or a url):")
			for _, l := range serverLog {
				fmt.Println("  │ " + l)
			}
		case <-time.After(5 * time.Second):
			fmt.Println("\n(the server's stderr did not close)")
		}
	}()
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "clerkmini-demo", Version: "1"}
	info, err := c.Initialize(ctx, init)
	if err != nil {
		return err
	}
	fmt.Printf("connected to %s %s over stdio\n", info.ServerInfo.Name, info.ServerInfo.Version)
	list, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		return err
	}
	for _, t := range list.Tools {
		a := t.Annotations
		fmt.Printf("tool %-22s destructive=%v idempotent=%v readOnly=%v\n", t.Name, *a.DestructiveHint, *a.IdempotentHint, *a.ReadOnlyHint)
	}

	created, err := call(ctx, c, "create_sign_in_token", map[string]any{"user_id": "user_alice", "expires_in_seconds": 600})
	if err != nil {
		return err
	}
	var tok struct {
		ID string `json:"id"`
	}
	b, _ := json.Marshal(created.StructuredContent)
	if err := json.Unmarshal(b, &tok); err != nil || tok.ID == "" {
		return fmt.Errorf("create returned no token id: %s", b)
	}
	if _, err := call(ctx, c, "revoke_sign_in_token", map[string]any{"sign_in_token_id": tok.ID}); err != nil {
		return err
	}
	again, err := call(ctx, c, "revoke_sign_in_token", map[string]any{"sign_in_token_id": tok.ID})
	if err != nil {
		return err
	}
	if !again.IsError {
		return fmt.Errorf("revoking twice succeeded")
	}
	declined, err := call(ctx, c, "create_sign_in_token", map[string]any{"user_id": "user_bob"})
	if err != nil {
		return err
	}
	if !declined.IsError {
		return fmt.Errorf("a create the person declined succeeded")
	}
	return nil
}

// person plays the one the server asks (MCP elicitation) before each create: they allow
// the first and decline the next.
type person struct{ asked int }

func (p *person) Elicit(_ context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	p.asked++
	action := mcp.ElicitationResponseActionAccept
	if p.asked > 1 {
		action = mcp.ElicitationResponseActionDecline
	}
	fmt.Printf("  ? the server asks the person: %s\n  ! the person answers: %s\n", req.Params.Message, action)
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: action}}, nil
}

// credential matches the sandbox's JWTs: the demo shortens them, as they are credentials
// (the sandbox's sign no one in, but a terminal's scrollback is no place for them).
var credential = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)

// call calls a tool and prints the call and the result as the assistant receives it.
func call(ctx context.Context, c *client.Client, tool string, args map[string]any) (*mcp.CallToolResult, error) {
	a, _ := json.Marshal(args)
	fmt.Printf("\n▶ assistant calls %s %s\n", tool, a)
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = tool, args
	res, err := c.CallTool(ctx, req)
	if err != nil {
		return nil, err
	}
	fmt.Printf("◀ isError=%v\n", res.IsError)
	for _, content := range res.Content {
		if tc, ok := content.(mcp.TextContent); ok {
			text := tc.Text
			if !res.IsError {
				var pretty map[string]any
				if json.Unmarshal([]byte(text), &pretty) == nil {
					b, _ := json.MarshalIndent(pretty, "", "  ")
					text = string(b)
				}
			}
			text = credential.ReplaceAllStringFunc(text, func(s string) string {
				return s[:12] + "…(a credential, " + fmt.Sprint(len(s)) + " bytes)"
			})
			fmt.Println("  " + strings.ReplaceAll(text, "\n", "\n  "))
		}
	}
	return res, nil
}
