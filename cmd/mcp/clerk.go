package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// newClerkClient builds the client the tools call: the embedded sandbox with --sandbox,
// else Clerk (or CLERK_API_URL) with CLERK_SECRET_KEY. Its errors name the variable at
// fault and never hold its value.
func newClerkClient(cfg config, getenv func(string) string, stderr io.Writer) (*clerkmini.Client, error) {
	ua := clerkmini.WithUserAgent("clerkmini-mcp/" + version)
	if cfg.sandbox {
		sb := clerktest.New(clerktest.WithOrganization("org_acme", "user_alice", "user_bob"))
		fmt.Fprintf(stderr, "clerkmini-mcp: SANDBOX: serving the embedded Clerk sandbox (no Clerk account, no network; tokens it mints sign no one in anywhere)\n")
		fmt.Fprintf(stderr, "clerkmini-mcp: sandbox users: %s; organization org_acme: %s\n",
			strings.Join(sb.Users(), " "), strings.Join(sb.Organizations()["org_acme"], " "))
		return sb.Client(ua)
	}
	opts := []clerkmini.Option{ua}
	if u := getenv("CLERK_API_URL"); u != "" {
		opts = append(opts, clerkmini.WithAPIURL(u))
	}
	client, err := clerkmini.New(getenv("CLERK_SECRET_KEY"), opts...)
	var ve *clerkmini.ValidationError
	if errors.As(err, &ve) {
		switch ve.Field {
		case "secret_key":
			return nil, fmt.Errorf("CLERK_SECRET_KEY %s (or run with --sandbox to try the server without a key)", ve.Reason)
		case "api_url":
			return nil, fmt.Errorf("CLERK_API_URL %s", ve.Reason)
		}
	}
	return client, err
}
