// Package clerkmini creates and revokes Clerk sign-in tokens through Clerk's Backend API.
//
// A sign-in token is a one-use credential that signs a user in without a password: an
// admin "log in as" link, a magic link sent by your own mailer, a hand-off from a native
// app to the web. This package does that one job, and is careful at the edges that matter
// when it runs against a production instance:
//
//   - It never retries a Create whose request may have reached Clerk, since Clerk has no
//     idempotency key and a retry could mint a second credential; it retries a 429 after
//     its Retry-After, and a Revoke after a 5xx or a lost connection.
//   - Every argument is checked before anything is sent; a token id can never reach
//     another endpoint or add a query string.
//   - Errors keep everything Clerk said (status, codes, messages, trace id, Retry-After)
//     as *ClerkErrors, and everything else (an HTML page from a proxy, a truncated body)
//     as *SDKError with its status. The secret key never appears in an error, even when
//     an answer echoes it (in any case, percent- or JSON-escaped, split across lines).
//   - What it reads is bounded: bodies at [MaxResponseBytes], headers at
//     [MaxResponseHeaderBytes] and [MaxResponseHeaderFields].
//
// HTTP is pluggable through the one-method [Transport] interface, which uses no net/http
// types, so the package builds for GOOS=js, GOOS=wasip1 and TinyGo. On those targets its
// own code imports neither net/http, encoding/json, fmt, os nor reflect. Its one
// dependency, gjson, does: gjson's @pretty modifier links github.com/tidwall/pretty, which
// links encoding/json (and with it fmt, os and reflect), about a third of a Go wasm
// binary. A wasm build of one's own that wants none of them puts the repository's
// cmd/wasm/pretty (same import path, the API gjson uses, no encoding/json) in
// tidwall/pretty's place with a go.work, as cmd/wasm/go.work does; `go list -deps` then
// shows none of them. On native builds the default transport is net/http; elsewhere pass
// one with [WithTransport]. Underneath, each call is an
// [Exchange] that does no I/O (build the request, read the answer, decide on a retry),
// which a driver of one's own can run instead of a Transport: the WebAssembly module in
// cmd/wasm does, with its host doing the sending and the waiting.
//
// The sibling package clerktest emulates Clerk's two endpoints in memory or over
// loopback HTTP, so programs and tests run with no Clerk account and no network.
package clerkmini
