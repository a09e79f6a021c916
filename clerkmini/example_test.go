package clerkmini_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// A program creates one client per key and mints tokens with it. Here the sandbox stands
// in for Clerk; in production, clerkmini.New(os.Getenv("CLERK_SECRET_KEY")).
func Example() {
	sandbox := clerktest.New()
	client, err := clerkmini.New(sandbox.SecretKey(), clerkmini.WithTransport(sandbox))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	tok, err := client.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{
		UserID:           "user_alice",
		ExpiresInSeconds: 600,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// tok.Token and tok.URL sign the user in: give them to that user, never log them.
	fmt.Println(tok.Status, tok.UserID, tok.Token != "", tok.URL != "")

	tok, err = client.SignInTokens.Revoke(ctx, tok.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.Status)
	// Output:
	// pending user_alice true true
	// revoked
}

// Clerk's answers come back as *ClerkErrors, with every code and message Clerk sent.
func ExampleClerkErrors() {
	sandbox := clerktest.New()
	client, _ := sandbox.Client()
	_, err := client.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_nobody"})
	var ce *clerkmini.ClerkErrors
	if errors.As(err, &ce) {
		fmt.Println(ce.StatusCode, ce.Errors[0].Code)
		fmt.Println(ce.Errors[0].LongMessage)
	}
	// Output:
	// 404 resource_not_found
	// No user was found with id user_nobody
}

// Arguments are checked before anything is sent, and the error names the field as
// Clerk's API does.
func ExampleValidationError() {
	client, _ := clerkmini.New("sk_test_example", clerkmini.WithTransport(clerktest.New()))
	_, err := client.SignInTokens.Revoke(context.Background(), "../users/user_alice")
	fmt.Println(err)
	// Output:
	// clerkmini: invalid sign_in_token_id: must not be or contain a dot segment ("..")
}

// A key is refused without being repeated.
func ExampleNew_badKey() {
	_, err := clerkmini.New("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
	fmt.Println(err)
	// Output:
	// clerkmini: invalid secret_key: is a publishable key (pk_…); the Backend API needs the secret key (sk_…)
}

// The options: an origin as CLERK_API_URL, a product name for the User-Agent, a
// per-attempt timeout and the number of retries.
func ExampleNew_options() {
	client, err := clerkmini.New("sk_test_example",
		clerkmini.WithAPIURL("https://api.clerk.com"),
		clerkmini.WithUserAgent("support-console/2.3"),
		clerkmini.WithTimeout(5*time.Second),
		clerkmini.WithRetries(1),
	)
	fmt.Println(client, err)
	// Output:
	// clerkmini.Client{https://api.clerk.com/v1} <nil>
}

// A Transport is one method: this one logs each request's method and path (never its
// headers, which carry the key) and passes it on.
func ExampleTransportFunc() {
	sandbox := clerktest.New()
	logged := clerkmini.TransportFunc(func(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
		resp, err := sandbox.RoundTrip(ctx, req)
		if err == nil {
			fmt.Println(req.Method, req.URL[len("https://api.clerk.com"):], resp.StatusCode)
		}
		return resp, err
	})
	client, _ := clerkmini.New(sandbox.SecretKey(), clerkmini.WithTransport(logged))
	_, _ = client.SignInTokens.Revoke(context.Background(), "sit_missing")
	// Output:
	// POST /v1/sign_in_tokens/sit_missing/revoke 404
}

// A program that writes what it was told (a log, a server's answers) blanks the key out of
// it too, in whatever spelling a proxy echoed it; KeyShapes also catches keys it was
// never given.
func ExampleRedactor() {
	r := clerkmini.NewRedactor("sk_test_4m3Kx9", clerkmini.RedactorOptions{})
	fmt.Println(r.String("proxy: Authorization: Bearer SK_TEST_4M3KX9"))
	fmt.Println(r.String("echo=%73k_test_4m%0A3Kx9&x=1"))

	lines := clerkmini.NewRedactor("", clerkmini.RedactorOptions{Mark: "[key]", KeyShapes: true, JSONText: true})
	fmt.Printf("%s\n", lines.Bytes([]byte(`{"text":"{\"k\":\"\\u0073k_live_Other1\"}"}`)))
	// Output:
	// proxy: Authorization: Bearer [secret key]
	// echo=[secret key]&x=1
	// {"text":"{\"k\":\"[key]\"}"}
}
