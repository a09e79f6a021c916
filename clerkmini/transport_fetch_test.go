//go:build js && wasm

package clerkmini

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
)

// jsFunc compiles a JavaScript function for a test double.
func jsFunc(params, body string) js.Value {
	return js.Global().Get("Function").New(params, body)
}

// recordingFetch answers every call with the given status, headers and body text, and
// keeps the last call's arguments in globalThis.__lastFetch.
func recordingFetch(status int, headers string, body string) js.Value {
	return jsFunc("status, headers, body", `return (url, init) => {
		globalThis.__lastFetch = { url, init };
		return Promise.resolve(new Response(body, { status, headers: JSON.parse(headers || "{}") }));
	};`).Invoke(status, headers, body)
}

func TestFetchTransportSendsTheRequestAsIs(t *testing.T) {
	fetch := recordingFetch(200, "", `{}`)
	req := &Request{Method: "POST", URL: "http://127.0.0.1:1/v1/sign_in_tokens",
		Header: Header{"Authorization": "Bearer sk_test_x", "Content-Type": "application/json"}, Body: []byte(`{"user_id":"u"}`)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := (&FetchTransport{Fetch: fetch}).RoundTrip(ctx, req); err != nil {
		t.Fatal(err)
	}
	last := js.Global().Get("__lastFetch")
	init := last.Get("init")
	if got := last.Get("url").String(); got != req.URL {
		t.Errorf("url %q", got)
	}
	if init.Get("method").String() != "POST" || init.Get("redirect").String() != "manual" {
		t.Errorf("method %q redirect %q; redirects must not be followed (they would carry the key)", init.Get("method"), init.Get("redirect"))
	}
	if got := init.Get("headers").Get("Authorization").String(); got != "Bearer sk_test_x" {
		t.Errorf("Authorization %q", got)
	}
	body := make([]byte, init.Get("body").Get("length").Int())
	js.CopyBytesToGo(body, init.Get("body"))
	if string(body) != `{"user_id":"u"}` {
		t.Errorf("body %q", body)
	}
	if init.Get("signal").IsUndefined() {
		t.Error("no AbortSignal: a context could not end the fetch")
	}
}

func TestFetchTransportReturnsStatusHeadersAndBody(t *testing.T) {
	fetch := recordingFetch(429, `{"Retry-After": "7", "Content-Type": "application/json"}`, `{"errors":[]}`)
	resp, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "http://x/"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 429 || resp.Header.Get("retry-after") != "7" || string(resp.Body) != `{"errors":[]}` {
		t.Fatalf("got %d %v %q", resp.StatusCode, resp.Header, resp.Body)
	}
	if js.Global().Get("__lastFetch").Get("init").Get("body").Truthy() {
		t.Error("a request without a body was sent one")
	}
}

func TestFetchTransportBoundsTheBody(t *testing.T) {
	fetch := jsFunc("n", `return () => {
		// Streamed in 64 KiB chunks, as a network would deliver it.
		let sent = 0;
		const stream = new ReadableStream({ pull(c) {
			if (sent >= n) { c.close(); return; }
			c.enqueue(new Uint8Array(65536).fill(120)); sent += 65536;
		}});
		return Promise.resolve(new Response(stream, { status: 200 }));
	};`).Invoke(4 * MaxResponseBytes)
	resp, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "http://x/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Body) != MaxResponseBytes+1 {
		t.Fatalf("read %d bytes; want MaxResponseBytes+1 = %d", len(resp.Body), MaxResponseBytes+1)
	}
}

func TestFetchTransportRefusedConnectionIsNotSent(t *testing.T) {
	fetch := jsFunc("", `return () => Promise.reject(Object.assign(new TypeError("fetch failed"),
		{ cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) }));`).Invoke()
	_, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "http://x/"})
	if err == nil || !errors.Is(err, ErrRequestNotSent) || !strings.Contains(err.Error(), "ECONNREFUSED") {
		t.Fatalf("err = %v; want a NotSent error naming the cause", err)
	}
}

func TestFetchTransportLostAnswerMayHaveBeenSent(t *testing.T) {
	fetch := jsFunc("", `return () => Promise.reject(new TypeError("network error"));`).Invoke()
	_, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "http://x/"})
	if err == nil || errors.Is(err, ErrRequestNotSent) || !strings.Contains(err.Error(), "TypeError: network error") {
		t.Fatalf("err = %v; want an error that does not claim the request never left", err)
	}
}

func TestFetchTransportSynchronousThrowIsNotSent(t *testing.T) {
	fetch := jsFunc("", `return () => { throw new TypeError("Invalid URL"); };`).Invoke()
	_, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "::"})
	if err == nil || !errors.Is(err, ErrRequestNotSent) || !strings.Contains(err.Error(), "Invalid URL") {
		t.Fatalf("err = %v", err)
	}
}

func TestFetchTransportContextAbortsTheFetch(t *testing.T) {
	// A fetch that answers only when aborted, as real fetch does.
	fetch := jsFunc("", `return (url, init) => new Promise((_, reject) => {
		init.signal.addEventListener("abort", () => { globalThis.__aborted = true; reject(new DOMException("aborted", "AbortError")); });
	});`).Invoke()
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	_, err := (&FetchTransport{Fetch: fetch}).RoundTrip(ctx, &Request{Method: "POST", URL: "http://x/"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want context.Canceled", err)
	}
	if !js.Global().Get("__aborted").Truthy() {
		t.Fatal("the fetch was not aborted")
	}
}

func TestFetchTransportIsTheDefaultOnJS(t *testing.T) {
	c, err := New("sk_test_x")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.transport.(*FetchTransport); !ok {
		t.Fatalf("default transport %#v", c.transport)
	}
}

func TestClientThroughFetchDecodesAToken(t *testing.T) {
	fetch := recordingFetch(200, `{"Content-Type": "application/json"}`,
		`{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"user_a","token":"eyJ","url":null,"created_at":1,"updated_at":2}`)
	c, err := New("sk_test_x", WithTransport(&FetchTransport{Fetch: fetch}), WithAPIURL("http://127.0.0.1:9"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.SignInTokens.Create(context.Background(), CreateSignInTokenParams{UserID: "user_a"})
	if err != nil {
		t.Fatal(err)
	}
	if tok.ID != "sit_1" || tok.UserID != "user_a" || tok.URL != "" {
		t.Fatalf("%+v", tok)
	}
	if got := js.Global().Get("__lastFetch").Get("url").String(); got != "http://127.0.0.1:9/v1/sign_in_tokens" {
		t.Fatalf("url %q", got)
	}
}

func TestFetchTransportRefusesABrowsersOpaqueRedirect(t *testing.T) {
	// What a browser's fetch resolves to for a redirect under redirect: "manual".
	fetch := jsFunc("", `return () => Promise.resolve({ type: "opaqueredirect", status: 0, headers: new Headers() });`).Invoke()
	_, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "http://x/"})
	if err == nil || !strings.Contains(err.Error(), "redirect") {
		t.Fatalf("err = %v; want a refused redirect", err)
	}
}

func TestFetchTransportBoundsTheHeaderFields(t *testing.T) {
	var fields strings.Builder
	fields.WriteString("{")
	for i := 0; i < 5000; i++ {
		if i > 0 {
			fields.WriteString(",")
		}
		fields.WriteString(`"x-f` + strconv.Itoa(i) + `": "v"`)
	}
	fields.WriteString("}")
	fetch := recordingFetch(200, fields.String(), `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"u","created_at":1,"updated_at":2}`)
	resp, err := (&FetchTransport{Fetch: fetch}).RoundTrip(context.Background(), &Request{Method: "POST", URL: "http://x/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Header) != MaxResponseHeaderFields+1 {
		t.Errorf("kept %d header fields of 5000, want %d", len(resp.Header), MaxResponseHeaderFields+1)
	}
	c, err := New("sk_test_x", WithTransport(&FetchTransport{Fetch: fetch}), WithAPIURL("http://127.0.0.1:9"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignInTokens.Revoke(context.Background(), "sit_1"); err == nil || !strings.Contains(err.Error(), "more than 100 header fields") {
		t.Errorf("got %v", err)
	}
}
