// Command quickstart mints a sign-in token, revokes it, and tries to revoke it again,
// printing what a program sees at each step. With no CLERK_SECRET_KEY it runs against the
// embedded sandbox (no account, no network); with one, against that Clerk instance, for
// the user named by -user.
//
//	go run ./examples/quickstart     (make demo-go)
//
// It is the one example of this sequence for Go programs (the package's godoc Example is
// the API reference's short form); examples/mcpdemo is the one for MCP clients, and the
// playground page (web/playground.mjs) the one for JavaScript.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

func main() {
	user := flag.String("user", "user_alice", "the user id to mint a token for")
	flag.Parse()
	if err := run(*user); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(user string) error {
	var client *clerkmini.Client
	var err error
	if key := os.Getenv("CLERK_SECRET_KEY"); key != "" {
		opts := []clerkmini.Option{}
		if u := os.Getenv("CLERK_API_URL"); u != "" {
			opts = append(opts, clerkmini.WithAPIURL(u))
		}
		client, err = clerkmini.New(key, opts...)
		fmt.Println("using the Clerk instance of CLERK_SECRET_KEY")
	} else {
		sb := clerktest.New()
		client, err = sb.Client()
		fmt.Println("using the embedded sandbox; its users:", sb.Users())
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	tok, err := client.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: user, ExpiresInSeconds: 600})
	if err != nil {
		return err
	}
	// The token and its URL sign the user in: show that they exist, never their value.
	fmt.Printf("created  %s for %s: status %s, token of %d bytes, url set: %t\n", tok.ID, tok.UserID, tok.Status, len(tok.Token), tok.URL != "")

	tok, err = client.SignInTokens.Revoke(ctx, tok.ID)
	if err != nil {
		return err
	}
	fmt.Printf("revoked  %s: status %s\n", tok.ID, tok.Status)

	_, err = client.SignInTokens.Revoke(ctx, tok.ID)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) {
		return fmt.Errorf("revoking twice: want Clerk's error, got %v", err)
	}
	fmt.Printf("again    %s: %d %s (as expected: only pending tokens can be revoked)\n", tok.ID, ce.StatusCode, ce.Errors[0].Code)
	return nil
}
