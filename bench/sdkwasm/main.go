// Command sdkwasm is clerk-sdk-go v2.4.2's sign-in-token program, the peer in the size
// comparison of `make bench` (part 2): it is built with GOOS=js GOARCH=wasm and the same
// flags as clerkmini's module, and only its size is measured. Under Node its net/http
// cannot reach the network (it dials TCP, which js/wasm has not), so it is never run.
//
//	CLERK_API_URL=http://127.0.0.1:… CLERK_SECRET_KEY=sk_test_… sdkwasm user_… [seconds]
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	clerk "github.com/clerk/clerk-sdk-go/v2"
	"github.com/clerk/clerk-sdk-go/v2/signintoken"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: sdkwasm user_id [expires_in_seconds]")
		os.Exit(2)
	}
	apiURL := os.Getenv("CLERK_API_URL")
	if apiURL == "" {
		fmt.Fprintln(os.Stderr, "CLERK_API_URL is required (the benchmarks only ever point it at the sandbox)")
		os.Exit(2)
	}
	clerk.SetBackend(clerk.NewBackend(&clerk.BackendConfig{
		URL: clerk.String(apiURL + "/v1"),
		Key: clerk.String(os.Getenv("CLERK_SECRET_KEY")),
	}))
	params := &signintoken.CreateParams{UserID: clerk.String(os.Args[1])}
	if len(os.Args) > 2 {
		n, err := strconv.ParseInt(os.Args[2], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "expires_in_seconds:", err)
			os.Exit(2)
		}
		params.ExpiresInSeconds = clerk.Int64(n)
	}
	ctx := context.Background()
	tok, err := signintoken.Create(ctx, params)
	if err != nil {
		fmt.Fprintln(os.Stderr, "create:", err)
		os.Exit(1)
	}
	if _, err := signintoken.Revoke(ctx, tok.ID); err != nil {
		fmt.Fprintln(os.Stderr, "revoke:", err)
		os.Exit(1)
	}
	fmt.Println("created and revoked", tok.ID)
}
