package clerkmini_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// recorder is a Transport that keeps every request and answers from a list.
type recorder struct {
	reqs    []*clerkmini.Request
	answers []func() (*clerkmini.Response, error)
}

func (r *recorder) RoundTrip(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
	r.reqs = append(r.reqs, req)
	if len(r.answers) == 0 {
		return nil, errors.New("recorder: no answer left")
	}
	a := r.answers[0]
	r.answers = r.answers[1:]
	return a()
}

// answering is a recorder that gives answers, in order.
func answering(answers ...func() (*clerkmini.Response, error)) *recorder {
	return &recorder{answers: answers}
}

// once is a client without retries whose transport gives the one answer a.
func once(t *testing.T, a func() (*clerkmini.Response, error)) *clerkmini.Client {
	t.Helper()
	return newClient(t, answering(a), clerkmini.WithRetries(0))
}

func answer(status int, body string, header ...string) func() (*clerkmini.Response, error) {
	return func() (*clerkmini.Response, error) {
		h := clerkmini.Header{"Content-Type": "application/json"}
		for i := 0; i+1 < len(header); i += 2 {
			h[header[i]] = header[i+1]
		}
		return &clerkmini.Response{StatusCode: status, Header: h, Body: []byte(body)}, nil
	}
}

const testKey = "sk_test_4m3Kx9secretSENTINEL"

const tokenJSON = `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"user_1","token":"eyJ.a.b","url":"https://x/?__clerk_ticket=eyJ.a.b","created_at":1700000000000,"updated_at":1700000000001}`

func newClient(t *testing.T, tr clerkmini.Transport, opts ...clerkmini.Option) *clerkmini.Client {
	t.Helper()
	c, err := clerkmini.New(testKey, append([]clerkmini.Option{clerkmini.WithTransport(tr)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewRefusesBadKeysWithoutEchoingThem(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"", "is empty"},
		{"pk_test_Y2xlcmsuZXhhbXBsZSQ", "publishable key"},
		{"sk_test_abc\n", "whitespace"},
		{" sk_test_abc", "whitespace"},
		{"rk_live_abcdef", `does not start with "sk_"`},
		{"sk_test_a\x00b", "control"},
		{"sk_test_" + strings.Repeat("x", 600), "too long"},
	} {
		_, err := clerkmini.New(tc.key)
		var ve *clerkmini.ValidationError
		if !errors.As(err, &ve) || ve.Field != "secret_key" {
			t.Errorf("New(%q): want a ValidationError on secret_key, got %v", tc.key, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%q) = %q, want it to say %q", tc.key, err, tc.want)
		}
		if k := strings.TrimSpace(tc.key); len(k) > 3 && strings.Contains(err.Error(), k[3:]) {
			t.Errorf("New(%q) echoes the key: %q", tc.key, err)
		}
	}
}

func TestAPIURL(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "https://api.clerk.com", want: "https://api.clerk.com/v1"},
		{in: "https://api.clerk.com/", want: "https://api.clerk.com/v1"},
		{in: "https://api.clerk.com/v1", want: "https://api.clerk.com/v1"},
		{in: "https://api.clerk.com/v1/", want: "https://api.clerk.com/v1"},
		{in: "HTTPS://API.Clerk.com", want: "https://api.clerk.com/v1"},
		{in: "https://proxy.example.com/clerk", want: "https://proxy.example.com/clerk/v1"},
		{in: "https://proxy.example.com:8443/clerk/v1", want: "https://proxy.example.com:8443/clerk/v1"},
		{in: "http://127.0.0.1:8787", want: "http://127.0.0.1:8787/v1"},
		{in: "http://127.9.0.1", want: "http://127.9.0.1/v1"},
		{in: "http://localhost:3000/", want: "http://localhost:3000/v1"},
		{in: "http://clerk.localhost", want: "http://clerk.localhost/v1"},
		{in: "http://[::1]:9000", want: "http://[::1]:9000/v1"},
		{in: "http://api.clerk.com", err: "plain http is allowed only for loopback"},
		{in: "http://10.0.0.1", err: "plain http is allowed only for loopback"},
		{in: "http://127.0.0.1.evil.com", err: "plain http is allowed only for loopback"},
		{in: "http://localhost.evil.com", err: "plain http is allowed only for loopback"},
		{in: "http://[::2]", err: "plain http is allowed only for loopback"},
		{in: "ftp://x", err: "must start with https://"},
		{in: "api.clerk.com", err: "must start with https://"},
		{in: "https://user:pw@api.clerk.com", err: "credentials"},
		{in: "https://api.clerk.com/?x=1", err: "query"},
		{in: "https://api.clerk.com/#f", err: "query or fragment"},
		{in: "https://api.clerk.com:0", err: "port"},
		{in: "https://api.clerk.com:99999", err: "port"},
		{in: "https://api.clerk.com:", err: "port"},
		{in: "https://", err: "no host"},
		{in: "https://a b", err: "space"},
		{in: "https://api.clerk.com/../x", err: "dot segments"},
		{in: "https://[::1", err: "IPv6"},
		{in: "", err: "empty"},
	} {
		got, err := clerkmini.APIBase(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("APIBase(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("APIBase(%q) = %q, %v; want an error saying %q", tc.in, got, err, tc.err)
		}
	}
	// The error for a URL with credentials must not repeat them.
	_, err := clerkmini.New(testKey, clerkmini.WithAPIURL("https://u:hunter2@api.clerk.com"))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("credentials in the URL: %v", err)
	}
}

func TestOptionsRefuseNonsense(t *testing.T) {
	for name, opt := range map[string]clerkmini.Option{
		"timeout":    clerkmini.WithTimeout(0),
		"retries":    clerkmini.WithRetries(-1),
		"transport":  clerkmini.WithTransport(nil),
		"user_agent": clerkmini.WithUserAgent("bad\nagent"),
	} {
		var ve *clerkmini.ValidationError
		if _, err := clerkmini.New(testKey, opt); !errors.As(err, &ve) || ve.Field != name {
			t.Errorf("%s: want a ValidationError on %s, got %v", name, name, err)
		}
	}
}

func TestRequestsAsClerkExpectsThem(t *testing.T) {
	rec := answering(answer(200, tokenJSON), answer(200, tokenJSON), answer(200, tokenJSON))
	c := newClient(t, rec, clerkmini.WithAPIURL("https://api.example.com/v1/"), clerkmini.WithUserAgent("myapp/1.2"))
	ctx := context.Background()
	if _, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_\"1", OrgID: "org_1", ExpiresInSeconds: 600}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignInTokens.Revoke(ctx, "sit_1~ü;"); err != nil {
		t.Fatal(err)
	}
	want := []struct{ url, body string }{
		{"https://api.example.com/v1/sign_in_tokens", `{"user_id":"user_1"}`},
		{"https://api.example.com/v1/sign_in_tokens", `{"user_id":"user_\"1","org_id":"org_1","expires_in_seconds":600}`},
		{"https://api.example.com/v1/sign_in_tokens/sit_1~%C3%BC%3B/revoke", ""},
	}
	for i, w := range want {
		r := rec.reqs[i]
		if r.Method != "POST" || r.URL != w.url || string(r.Body) != w.body {
			t.Errorf("request %d: %s %s %q; want POST %s %q", i, r.Method, r.URL, r.Body, w.url, w.body)
		}
		for k, v := range map[string]string{
			"Authorization":     "Bearer " + testKey,
			"Content-Type":      "application/json",
			"Clerk-API-Version": "2026-05-12",
			"User-Agent":        "myapp/1.2 clerkmini/" + clerkmini.Version,
		} {
			if got := r.Header.Get(k); got != v {
				t.Errorf("request %d: %s = %q, want %q", i, k, got, v)
			}
		}
	}
	if rec.reqs[2].Body != nil {
		t.Errorf("revoke sent a body: %q", rec.reqs[2].Body)
	}
}

// The client's requests share one header; a Transport that changes the one it was given
// (as some wrappers do, to sign or trace) changes no other request.
func TestTransportChangesStayInItsRequest(t *testing.T) {
	var seen []string // what each request carried when it reached the Transport
	meddler := clerkmini.TransportFunc(func(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
		seen = append(seen, req.Header.Get("Authorization")+" "+req.Header.Get("X-Trace"))
		req.Header["Authorization"] = "Bearer sk_test_someone_else"
		req.Header["X-Trace"] = "1"
		return answer(200, tokenJSON)()
	})
	c := newClient(t, meddler)
	for i := 0; i < 2; i++ {
		if _, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"}); err != nil {
			t.Fatal(err)
		}
	}
	if want := "Bearer " + testKey + " "; seen[1] != want {
		t.Errorf("the second request carries the first one's changes (Authorization changed: %v)", seen[1] != want)
	}
}

func TestInvalidArgumentsFailBeforeSending(t *testing.T) {
	rec := &recorder{}
	c := newClient(t, rec)
	ctx := context.Background()
	jwt := "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat("x", 200) + ".sig"
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"empty user", func() error { _, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{}); return err }, "user_id"},
		{"negative expiry", func() error {
			_, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_1", ExpiresInSeconds: -1})
			return err
		}, "expires_in_seconds"},
		{"user with newline", func() error {
			_, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_1\n"})
			return err
		}, "user_id"},
		{"bad org", func() error {
			_, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_1", OrgID: "org 1"})
			return err
		}, "org_id"},
		{"empty id", func() error { _, err := c.SignInTokens.Revoke(ctx, ""); return err }, "sign_in_token_id"},
		{"slash", func() error { _, err := c.SignInTokens.Revoke(ctx, "sit_1/../../users"); return err }, "sign_in_token_id"},
		{"dotdot", func() error { _, err := c.SignInTokens.Revoke(ctx, ".."); return err }, "sign_in_token_id"},
		{"dot", func() error { _, err := c.SignInTokens.Revoke(ctx, "."); return err }, "sign_in_token_id"},
		{"query", func() error { _, err := c.SignInTokens.Revoke(ctx, "sit_1?x=1"); return err }, "sign_in_token_id"},
		{"fragment", func() error { _, err := c.SignInTokens.Revoke(ctx, "sit_1#x"); return err }, "sign_in_token_id"},
		{"percent", func() error { _, err := c.SignInTokens.Revoke(ctx, "sit_%2e%2e"); return err }, "sign_in_token_id"},
		{"backslash", func() error { _, err := c.SignInTokens.Revoke(ctx, `sit_1\x`); return err }, "sign_in_token_id"},
		{"space", func() error { _, err := c.SignInTokens.Revoke(ctx, "a b"); return err }, "sign_in_token_id"},
		{"tab", func() error { _, err := c.SignInTokens.Revoke(ctx, "a\tb"); return err }, "sign_in_token_id"},
		{"invalid utf-8", func() error { _, err := c.SignInTokens.Revoke(ctx, "sit_\xff"); return err }, "sign_in_token_id"},
		{"a token pasted as id", func() error { _, err := c.SignInTokens.Revoke(ctx, jwt); return err }, "sign_in_token_id"},
	} {
		err := tc.call()
		var ve *clerkmini.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: want a ValidationError on %s, got %v", tc.name, tc.field, err)
			continue
		}
		if strings.Contains(err.Error(), "xxxxxxxx") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: the error repeats the value or spans lines: %q", tc.name, err)
		}
	}
	if len(rec.reqs) != 0 {
		t.Errorf("%d requests were sent for invalid arguments", len(rec.reqs))
	}
}

// FuzzRevokePath checks that whatever id is accepted, the request goes to exactly one
// path segment under /v1/sign_in_tokens/ that decodes back to the id, with no query.
func FuzzRevokePath(f *testing.F) {
	for _, s := range []string{"sit_2abc", "../users", "a/b", "a?b", "%2F", "é", "a;b=c", ".x.", "~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		rec := answering(answer(200, tokenJSON))
		c := newClient(t, rec)
		_, err := c.SignInTokens.Revoke(context.Background(), id)
		var ve *clerkmini.ValidationError
		if errors.As(err, &ve) {
			if len(rec.reqs) != 0 {
				t.Fatal("refused id was sent")
			}
			return
		}
		const prefix, suffix = "https://api.clerk.com/v1/sign_in_tokens/", "/revoke"
		u := rec.reqs[0].URL
		seg, ok := strings.CutPrefix(u, prefix)
		seg, ok2 := strings.CutSuffix(seg, suffix)
		if !ok || !ok2 || strings.ContainsAny(seg, "/?#\\ ") || seg == "." || seg == ".." {
			t.Fatalf("id %q went to %q", id, u)
		}
		if got, err := unescape(seg); err != nil || got != id {
			t.Fatalf("id %q became segment %q (decodes to %q, %v)", id, seg, got, err)
		}
	})
}

func unescape(s string) (string, error) {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", errors.New("short escape")
		}
		var v byte
		for _, c := range []byte(s[i+1 : i+3]) {
			switch {
			case '0' <= c && c <= '9':
				v = v<<4 | (c - '0')
			case 'A' <= c && c <= 'F':
				v = v<<4 | (c - 'A' + 10)
			default:
				return "", errors.New("bad escape")
			}
		}
		b = append(b, v)
		i += 2
	}
	return string(b), nil
}

func TestClientStringHidesKey(t *testing.T) {
	c := newClient(t, &recorder{})
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, c); strings.Contains(s, "4m3Kx9") || !strings.Contains(s, "api.clerk.com") {
			t.Errorf("Sprintf(%s, client) = %q", verb, s)
		}
	}
}
