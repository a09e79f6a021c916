// Package clerktest is a sandbox that emulates the two endpoints of Clerk's Backend API
// that package clerkmini speaks, so that programs and tests run with no Clerk account and
// no network, the way net/http/httptest stands in for a server and stripe-mock for Stripe.
//
// A *Sandbox is both a clerkmini.Transport (in memory, no sockets) and an http.Handler
// (serve it with httptest.NewServer or cmd/sandbox for JavaScript hosts, through
// LocalOnly to refuse requests addressed to other names). It keeps each token's state
// (pending, accepted, revoked, expired) within MaxLiveTokens and MaxFinishedTokens,
// checks the secret key (a random one per sandbox unless WithSecretKey sets it),
// validates parameters, and answers with Clerk's status codes, error codes and JSON
// shapes. Faults (429 with Retry-After, 5xx, HTML from a proxy, latency, a lost answer)
// are injected with Inject.
//
// What it emulates was taken from Clerk's OpenAPI spec and published error list; where
// those are silent (the exact wording of some messages, the claims inside the token) it
// answers plausibly, and clients should not depend on those details.
package clerktest
