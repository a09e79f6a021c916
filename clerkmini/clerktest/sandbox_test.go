package clerktest_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// do sends one request to the sandbox over HTTP, as any client in any language would,
// and returns the answer with its body read.
func do(t *testing.T, srv *httptest.Server, method, path, auth, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}

// send posts raw bytes to the sandbox and reads its JSON answer.
func send(t *testing.T, srv *httptest.Server, path, auth, contentType, body string) (int, http.Header, map[string]any) {
	t.Helper()
	resp, data := do(t, srv, "POST", path, auth, contentType, body)
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s answered non-JSON %q", path, data)
	}
	return resp.StatusCode, resp.Header, m
}

func firstError(m map[string]any) (code, long, param string) {
	errs, _ := m["errors"].([]any)
	if len(errs) == 0 {
		return "", "", ""
	}
	e := errs[0].(map[string]any)
	if meta, ok := e["meta"].(map[string]any); ok {
		param, _ = meta["param_name"].(string)
	}
	return e["code"].(string), e["long_message"].(string), param
}

func TestSandboxAnswersLikeClerk(t *testing.T) {
	sb := clerktest.New(clerktest.WithOrganization("org_acme", "user_alice"))
	srv := httptest.NewServer(sb)
	defer srv.Close()
	bearer := "Bearer " + sb.SecretKey()
	const create = "/v1/sign_in_tokens"
	for _, tc := range []struct {
		name, auth, ct, body string
		status               int
		code, param          string
	}{
		{"no auth", "", "application/json", `{"user_id":"user_alice"}`, 401, "authorization_header_format_invalid", ""},
		{"not bearer", "Basic x", "application/json", `{"user_id":"user_alice"}`, 401, "authorization_header_format_invalid", ""},
		{"wrong key", "Bearer sk_test_other", "application/json", `{"user_id":"user_alice"}`, 401, "clerk_key_invalid", ""},
		{"form body", bearer, "application/x-www-form-urlencoded", `user_id=user_alice`, 415, "unsupported_content_type", ""},
		{"not json", bearer, "application/json", `{"user_id":`, 400, "request_body_invalid", ""},
		{"missing user", bearer, "application/json", `{}`, 422, "form_param_missing", "user_id"},
		{"null user", bearer, "application/json", `{"user_id":null}`, 422, "form_param_missing", "user_id"},
		{"user not a string", bearer, "application/json", `{"user_id":5}`, 422, "form_param_type_invalid", "user_id"},
		{"zero expiry", bearer, "application/json", `{"user_id":"user_alice","expires_in_seconds":0}`, 422, "form_param_value_invalid", "expires_in_seconds"},
		{"float expiry", bearer, "application/json", `{"user_id":"user_alice","expires_in_seconds":1.5}`, 422, "form_param_type_invalid", "expires_in_seconds"},
		{"unknown param", bearer, "application/json", `{"user_id":"user_alice","admin":true}`, 422, "form_param_unknown", "admin"},
		{"unknown user", bearer, "application/json", `{"user_id":"user_zed"}`, 404, "resource_not_found", ""},
		{"unknown org", bearer, "application/json", `{"user_id":"user_alice","org_id":"org_nope"}`, 404, "resource_not_found", ""},
		{"not a member", bearer, "application/json", `{"user_id":"user_bob","org_id":"org_acme"}`, 403, "not_a_member_in_organization", ""},
	} {
		status, h, m := send(t, srv, create, tc.auth, tc.ct, tc.body)
		code, _, param := firstError(m)
		if status != tc.status || code != tc.code || param != tc.param {
			t.Errorf("%s: got %d %s (param %q), want %d %s (param %q)", tc.name, status, code, param, tc.status, tc.code, tc.param)
		}
		if trace, _ := m["clerk_trace_id"].(string); trace == "" || h.Get("Clerk-Trace-Id") != trace {
			t.Errorf("%s: trace id %q, header %q", tc.name, trace, h.Get("Clerk-Trace-Id"))
		}
	}
	if sb.Tokens("") != 0 {
		t.Errorf("refused requests minted %d tokens", sb.Tokens(""))
	}
}

func TestSandboxTokenLifecycle(t *testing.T) {
	now := time.UnixMilli(1796000000123)
	sb := clerktest.New(clerktest.WithClock(func() time.Time { return now }))
	srv := httptest.NewServer(sb)
	defer srv.Close()
	bearer := "Bearer " + sb.SecretKey()
	status, _, tok := send(t, srv, "/v1/sign_in_tokens", bearer, "application/json", `{"user_id":"user_bob","expires_in_seconds":3600}`)
	if status != 200 {
		t.Fatalf("create: %d %v", status, tok)
	}
	id := tok["id"].(string)
	if !regexp.MustCompile(`^sit_[0-9A-Za-z]{27}$`).MatchString(id) || tok["object"] != "sign_in_token" || tok["status"] != "pending" || tok["user_id"] != "user_bob" {
		t.Errorf("token %v", tok)
	}
	if tok["created_at"].(float64) != 1796000000123 || tok["updated_at"].(float64) != 1796000000123 {
		t.Errorf("timestamps %v %v, want Unix milliseconds", tok["created_at"], tok["updated_at"])
	}
	jwt := tok["token"].(string)
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not JWT-shaped", jwt)
	}
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	var c struct {
		Exp int64  `json:"exp"`
		Sid string `json:"sid"`
	}
	if err != nil || json.Unmarshal(claims, &c) != nil || c.Sid != id || c.Exp != 1796000000+3600 {
		t.Errorf("claims %s: %v", claims, err)
	}
	u, err := url.Parse(tok["url"].(string))
	if err != nil || u.Query().Get("__clerk_ticket") != jwt {
		t.Errorf("url %v does not carry the token", tok["url"])
	}

	now = now.Add(time.Second)
	status, _, rev := send(t, srv, "/v1/sign_in_tokens/"+id+"/revoke", bearer, "", "")
	if status != 200 || rev["status"] != "revoked" || rev["updated_at"].(float64) != 1796000001123 || rev["url"] != nil {
		t.Errorf("revoke: %d %v", status, rev)
	}
	status, _, again := send(t, srv, "/v1/sign_in_tokens/"+id+"/revoke", bearer, "", "")
	if code, long, _ := firstError(again); status != 400 || code != "sign_in_token_cannot_be_revoked_code" || !strings.Contains(long, "status is revoked") {
		t.Errorf("second revoke: %d %v", status, again)
	}

	// A token its user has used cannot be revoked either.
	_, _, tok2 := send(t, srv, "/v1/sign_in_tokens", bearer, "application/json", `{"user_id":"user_bob"}`)
	if !sb.Accept(tok2["id"].(string)) {
		t.Fatal("Accept refused a pending token")
	}
	status, _, acc := send(t, srv, "/v1/sign_in_tokens/"+tok2["id"].(string)+"/revoke", bearer, "", "")
	if _, long, _ := firstError(acc); status != 400 || !strings.Contains(long, "status is accepted") {
		t.Errorf("revoke of an accepted token: %d %v", status, acc)
	}
	for _, path := range []string{"/v1/sign_in_tokens/sit_nope/revoke", "/v1/sign_in_tokens/" + url.PathEscape("a/b") + "/revoke", "/v1/users", "/v1/sign_in_tokens/x/y/revoke"} {
		if status, _, m := send(t, srv, path, bearer, "", ""); status != 404 {
			t.Errorf("%s: %d %v", path, status, m)
		}
	}
}

func TestSandboxFaultsOverHTTP(t *testing.T) {
	sb := clerktest.New()
	srv := httptest.NewServer(sb)
	defer srv.Close()
	bearer := "Bearer " + sb.SecretKey()
	// Faults come in through the control endpoint, which wants the key too.
	ctl := func(auth, body string) int {
		resp, _ := do(t, srv, "POST", "/__sandbox/faults", auth, "", body)
		return resp.StatusCode
	}
	if got := ctl("Bearer nope", `{"status":429}`); got != 401 {
		t.Errorf("fault without the key: %d", got)
	}
	if got := ctl(bearer, `{"status":429,"retry_after_seconds":2,"op":"create"}`); got != 204 {
		t.Fatalf("fault: %d", got)
	}
	status, h, m := send(t, srv, "/v1/sign_in_tokens", bearer, "application/json", `{"user_id":"user_alice"}`)
	if code, _, _ := firstError(m); status != 429 || h.Get("Retry-After") != "2" || code != "too_many_requests" {
		t.Errorf("429 fault: %d %v %v", status, h, m)
	}
	if status, _, _ := send(t, srv, "/v1/sign_in_tokens", bearer, "application/json", `{"user_id":"user_alice"}`); status != 200 {
		t.Errorf("the fault outlived its one time: %d", status)
	}
	// A dropped answer is a closed connection.
	ctl(bearer, `{"drop":true}`)
	req, _ := http.NewRequest("POST", srv.URL+"/v1/sign_in_tokens", strings.NewReader(`{}`))
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("drop: got a response %d", resp.StatusCode)
	}
	if got := ctl(bearer, `{"nonsense":1}`); got != 400 {
		t.Errorf("unknown fault field: %d", got)
	}
	// Stats count what reached the API: the requests above (faults included) and the one token.
	_, data := do(t, srv, "GET", "/__sandbox/stats", bearer, "", "")
	var stats map[string]int
	if err := json.Unmarshal(data, &stats); err != nil || stats["requests"] != sb.Requests() || stats["requests"] != 3 || stats["tokens"] != 1 {
		t.Errorf("stats %v (%v), want 3 requests and 1 token", stats, err)
	}
	// The queue is bounded: a client cannot grow it without end.
	codes := map[int]int{}
	for range 1001 {
		codes[ctl(bearer, `{"op":"revoke","status":500}`)]++
	}
	if codes[204] != 1000 || codes[429] != 1 {
		t.Errorf("1,001 faults queued over HTTP: %v, want 1,000 queued and the last refused with 429", codes)
	}
}

func TestOrganizationMembersAreUsersWhateverTheOptionOrder(t *testing.T) {
	sb := clerktest.New(clerktest.WithOrganization("org_1", "user_m"), clerktest.WithUsers("user_u"))
	if got := strings.Join(sb.Users(), " "); got != "user_m user_u" {
		t.Errorf("users %q", got)
	}
	if got := sb.Organizations()["org_1"]; len(got) != 1 || got[0] != "user_m" {
		t.Errorf("organizations %v", sb.Organizations())
	}
}
