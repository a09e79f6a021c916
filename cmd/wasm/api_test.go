//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"
	"testing"
)

const testKey = "sk_test_wasm_api_secret"

// answering returns a fetch double that answers every call with status and body.
func answering(status int, body string, headers string) js.Value {
	return js.Global().Get("Function").New("status, body, headers", `return () =>
		Promise.resolve(new Response(body, { status, headers: JSON.parse(headers || "{}") }));`).Invoke(status, body, headers)
}

// promised calls one of the API's settling functions as the loader does, with the
// resolve and reject of a new Promise after args.
func promised(api js.Value, method string, args ...any) js.Value {
	call := js.Global().Get("Function").New("api, method, args",
		`return new Promise((resolve, reject) => api[method](...args, resolve, reject));`)
	return call.Invoke(api, method, js.ValueOf(args))
}

// settle waits for a promise and returns its value or its rejection.
func settle(t *testing.T, p js.Value) (value js.Value, rejected bool) {
	t.Helper()
	type result struct {
		v  js.Value
		ok bool
	}
	ch := make(chan result, 1)
	onOK := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- result{a[0], true}; return nil })
	onErr := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- result{a[0], false}; return nil })
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	r := <-ch
	return parse(r.v), !r.ok
}

// parse reads the JSON text the API settles with, as the loader does.
func parse(v js.Value) js.Value {
	return js.Global().Get("JSON").Call("parse", v)
}

func newTestClient(t *testing.T, api js.Value, fetch js.Value) js.Value {
	t.Helper()
	made := api.Call("newClient", testKey, "http://127.0.0.1:9", fetch)
	if made.Get("error").Truthy() {
		t.Fatalf("newClient: %s", parse(made.Get("error")).Get("message"))
	}
	return made.Get("handle")
}

func TestCreateResolvesWithBackendFieldNames(t *testing.T) {
	api := newAPI()
	fetch := answering(200, `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"user_a","token":"eyJ","url":"https://accounts.example/x","created_at":1700000000000,"updated_at":1700000000001,"extra":true}`, "")
	h := newTestClient(t, api, fetch)
	v, rejected := settle(t, promised(api, "create", h, "user_a", 60, ""))
	if rejected {
		t.Fatalf("rejected: %s", v.Get("message"))
	}
	want := map[string]any{"id": "sit_1", "userId": "user_a", "token": "eyJ", "status": "pending", "url": "https://accounts.example/x"}
	for k, w := range want {
		if got := v.Get(k).String(); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
	if v.Get("createdAt").Float() != 1700000000000 || v.Get("updatedAt").Float() != 1700000000001 {
		t.Errorf("timestamps %v %v", v.Get("createdAt"), v.Get("updatedAt"))
	}
}

func TestNullURLStaysNull(t *testing.T) {
	api := newAPI()
	h := newTestClient(t, api, answering(200, `{"object":"sign_in_token","id":"sit_1","status":"revoked","user_id":"u","url":null,"created_at":1,"updated_at":2}`, ""))
	v, rejected := settle(t, promised(api, "revoke", h, "sit_1"))
	if rejected || !v.Get("url").IsNull() {
		t.Fatalf("rejected=%v url=%v", rejected, v.Get("url"))
	}
}

func TestClerkErrorsKeepEverything(t *testing.T) {
	api := newAPI()
	body := `{"errors":[{"code":"form_param_missing","message":"missing","long_message":"user_id is missing","meta":{"param_name":"user_id"}}],"clerk_trace_id":"tr_1"}`
	h := newTestClient(t, api, answering(422, body, `{"Content-Type":"application/json"}`))
	e, rejected := settle(t, promised(api, "create", h, "user_a", 0, ""))
	if !rejected {
		t.Fatal("resolved")
	}
	if e.Get("kind").String() != "clerk" || e.Get("status").Int() != 422 || e.Get("traceId").String() != "tr_1" {
		t.Fatalf("kind %v status %v trace %v", e.Get("kind"), e.Get("status"), e.Get("traceId"))
	}
	first := e.Get("errors").Index(0)
	if first.Get("code").String() != "form_param_missing" || first.Get("longMessage").String() != "user_id is missing" ||
		first.Get("meta").String() != `{"param_name":"user_id"}` {
		t.Fatalf("errors[0] = %v %v %v", first.Get("code"), first.Get("longMessage"), first.Get("meta"))
	}
}

func TestRateLimitCarriesRetryAfterInSeconds(t *testing.T) {
	api := newAPI()
	// 120 s is longer than the client waits by itself, so the 429 comes back at once.
	body := `{"errors":[{"code":"too_many_requests","message":"Too many requests","long_message":"Too many requests"}]}`
	h := newTestClient(t, api, answering(429, body, `{"Retry-After":"120","Content-Type":"application/json"}`))
	e, rejected := settle(t, promised(api, "create", h, "user_a", 0, ""))
	if !rejected || e.Get("status").Int() != 429 || e.Get("retryAfter").Float() != 120 {
		t.Fatalf("rejected=%v status=%v retryAfter=%v", rejected, e.Get("status"), e.Get("retryAfter"))
	}
}

func TestNonJSONErrorKeepsTheStatus(t *testing.T) {
	api := newAPI()
	h := newTestClient(t, api, answering(502, "<html>Bad Gateway</html>", `{"Content-Type":"text/html"}`))
	e, rejected := settle(t, promised(api, "create", h, "user_a", 0, ""))
	if !rejected || e.Get("kind").String() != "sdk" || e.Get("status").Int() != 502 || !strings.Contains(e.Get("message").String(), "text/html") {
		t.Fatalf("rejected=%v kind=%v status=%v message=%v", rejected, e.Get("kind"), e.Get("status"), e.Get("message"))
	}
}

func TestTransportFailureSaysWhetherClerkMayHaveActed(t *testing.T) {
	api := newAPI()
	lost := js.Global().Get("Function").New(`return () => Promise.reject(new TypeError("network error"))`).Invoke()
	h := newTestClient(t, api, lost)
	e, rejected := settle(t, promised(api, "create", h, "user_a", 0, ""))
	if !rejected || e.Get("kind").String() != "transport" || !e.Get("mayHaveReachedClerk").Bool() || e.Get("attempts").Int() != 1 {
		t.Fatalf("rejected=%v kind=%v reached=%v attempts=%v", rejected, e.Get("kind"), e.Get("mayHaveReachedClerk"), e.Get("attempts"))
	}
}

func TestBadArgumentsAreValidationErrors(t *testing.T) {
	api := newAPI()
	h := newTestClient(t, api, answering(200, "{}", ""))
	e, rejected := settle(t, promised(api, "revoke", h, "../users"))
	if !rejected || e.Get("kind").String() != "validation" || e.Get("field").String() != "sign_in_token_id" {
		t.Fatalf("rejected=%v kind=%v field=%v", rejected, e.Get("kind"), e.Get("field"))
	}
	e, rejected = settle(t, promised(api, "create", h, "user_a", -5, ""))
	if !rejected || e.Get("field").String() != "expires_in_seconds" {
		t.Fatalf("rejected=%v field=%v", rejected, e.Get("field"))
	}
}

func TestBadKeyIsRefusedWithoutRepeatingIt(t *testing.T) {
	api := newAPI()
	for _, key := range []string{"pk_test_publishable_secretish", "sk_test_with space", ""} {
		made := api.Call("newClient", key, "", js.Undefined())
		if !made.Get("error").Truthy() {
			t.Fatalf("key %d: newClient did not refuse it", len(key))
		}
		e := parse(made.Get("error"))
		if e.Get("kind").String() != "validation" || e.Get("field").String() != "secret_key" {
			t.Fatalf("key %d: newClient did not refuse it", len(key))
		}
		if key != "" && strings.Contains(e.Get("message").String(), key) {
			t.Fatalf("the error repeats the key")
		}
	}
}

func TestFreedClientRejects(t *testing.T) {
	api := newAPI()
	h := newTestClient(t, api, answering(200, "{}", ""))
	api.Call("free", h)
	e, rejected := settle(t, promised(api, "create", h, "user_a", 0, ""))
	if !rejected || !strings.Contains(e.Get("message").String(), "freed") {
		t.Fatalf("rejected=%v message=%v", rejected, e.Get("message"))
	}
}

func TestClientsKeepTheirOwnKeys(t *testing.T) {
	api := newAPI()
	// A fetch double that answers with the key it was sent, as the token id.
	echo := js.Global().Get("Function").New(`return (url, init) => Promise.resolve(new Response(JSON.stringify({
		object: "sign_in_token", id: init.headers.Authorization.slice(7), status: "pending", user_id: "u", created_at: 1, updated_at: 1 }), { status: 200 }))`).Invoke()
	a := api.Call("newClient", "sk_test_key_a", "http://127.0.0.1:9", echo).Get("handle")
	b := api.Call("newClient", "sk_test_key_b", "http://127.0.0.1:9", echo).Get("handle")
	pa, pb := promised(api, "create", a, "u", 0, ""), promised(api, "create", b, "u", 0, "")
	va, _ := settle(t, pa)
	vb, _ := settle(t, pb)
	if va.Get("id").String() != "sk_test_key_a" || vb.Get("id").String() != "sk_test_key_b" {
		t.Fatalf("a sent %v, b sent %v", va.Get("id"), vb.Get("id"))
	}
}
