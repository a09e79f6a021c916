//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"context"
	"fmt"
	"maps"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// recording is where and how golden exchanges are recorded.
type recording struct {
	key, apiURL string
	user, org   string // an existing user, and optionally an organization it belongs to
	dir, source string
}

// capture is a Transport that keeps the last exchange.
type capture struct {
	next clerkmini.Transport
	req  *clerkmini.Request
	resp *clerkmini.Response
}

func (c *capture) RoundTrip(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
	c.req, c.resp = req, nil
	resp, err := c.next.RoundTrip(ctx, req)
	c.resp = resp
	return resp, err
}

// recordGolden re-records the live-recordable cases from the API named by the environment.
func recordGolden(t *testing.T) {
	r := recording{
		key: os.Getenv("CLERK_SECRET_KEY"), apiURL: os.Getenv("CLERK_API_URL"),
		user: os.Getenv("CLERK_RECORD_USER_ID"), org: os.Getenv("CLERK_RECORD_ORG_ID"),
		dir: goldenDir, source: "recorded from Clerk's live API by make record",
	}
	if r.apiURL == "" {
		r.apiURL = clerkmini.DefaultAPIURL
	}
	if u, err := url.Parse(r.apiURL); err == nil && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost") {
		r.source = "recorded by make record from the clerkmini sandbox (go run ./cmd/sandbox), not from Clerk"
	}
	if r.key == "" || r.user == "" {
		t.Fatal("-record needs CLERK_SECRET_KEY and CLERK_RECORD_USER_ID (and CLERK_RECORD_ORG_ID for the organization case)")
	}
	if err := r.run(); err != nil {
		t.Fatal(err)
	}
}

// run performs the recordable scenario and writes one golden file per exchange. Tokens it
// mints are revoked before it returns, and no file holds the key or a real token.
func (r recording) run() error {
	cp := &capture{next: &clerkmini.HTTPTransport{}}
	c, err := clerkmini.New(r.key, clerkmini.WithAPIURL(r.apiURL), clerkmini.WithTransport(cp), clerkmini.WithRetries(0))
	if err != nil {
		return err
	}
	ctx := context.Background()
	var minted []string
	defer func() {
		for _, id := range minted { // no live credential outlives the recording
			_, _ = c.SignInTokens.Revoke(ctx, id)
		}
	}()
	step := func(name, what string, do func() (*clerkmini.SignInToken, error)) (*clerkmini.SignInToken, error) {
		tok, err := do()
		if cp.resp == nil {
			return nil, fmt.Errorf("%s: no answer: %v", name, err)
		}
		if tok != nil && tok.Status == "pending" {
			minted = append(minted, tok.ID)
		}
		redact := ""
		if tok != nil {
			redact = tok.Token
		}
		return tok, r.write(name, what, cp.req, cp.resp, redact)
	}
	create := func(p clerkmini.CreateSignInTokenParams) func() (*clerkmini.SignInToken, error) {
		return func() (*clerkmini.SignInToken, error) { return c.SignInTokens.Create(ctx, p) }
	}
	revoke := func(id string) func() (*clerkmini.SignInToken, error) {
		return func() (*clerkmini.SignInToken, error) { return c.SignInTokens.Revoke(ctx, id) }
	}
	if _, err := step("create", "Create with only a user id: Clerk's default lifetime (30 days).", create(clerkmini.CreateSignInTokenParams{UserID: r.user})); err != nil {
		return err
	}
	tok, err := step("create_expiry", "Create with an expiry of 600 seconds.", create(clerkmini.CreateSignInTokenParams{UserID: r.user, ExpiresInSeconds: 600}))
	if err != nil {
		return err
	}
	if tok == nil {
		return fmt.Errorf("create_expiry did not mint a token")
	}
	if r.org != "" {
		if _, err := step("create_org", "Create with org_id: the organization to activate at sign-in.", create(clerkmini.CreateSignInTokenParams{UserID: r.user, OrgID: r.org, ExpiresInSeconds: 600})); err != nil {
			return err
		}
	}
	if _, err := step("create_404", "Create for a user the instance does not have: 404 resource_not_found.", create(clerkmini.CreateSignInTokenParams{UserID: "user_clerkmini_golden_missing"})); err != nil {
		return err
	}
	if _, err := step("revoke", "Revoke a pending token.", revoke(tok.ID)); err != nil {
		return err
	}
	if _, err := step("revoke_400", "Revoke the same token again: only pending tokens can be revoked.", revoke(tok.ID)); err != nil {
		return err
	}
	if _, err := step("revoke_404", "Revoke a token id the instance does not have.", revoke("sit_clerkmini_golden_missing")); err != nil {
		return err
	}
	bad, err := clerkmini.New("sk_test_clerkmini_golden_invalid_key", clerkmini.WithAPIURL(r.apiURL), clerkmini.WithTransport(cp), clerkmini.WithRetries(0))
	if err != nil {
		return err
	}
	_, err = step("unauthorized_401", "A wrong secret key: 401 from either endpoint.", func() (*clerkmini.SignInToken, error) {
		return bad.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: r.user})
	})
	return err
}

// write saves one exchange as a golden file: the host becomes api.clerk.com, the key the
// golden key, and a minted token a placeholder.
func (r recording) write(name, what string, req *clerkmini.Request, resp *clerkmini.Response, token string) error {
	u, err := url.Parse(req.URL)
	if err != nil {
		return err
	}
	path := strings.TrimPrefix(u.EscapedPath(), pathPrefix(r.apiURL)) // the client's own "/v1/…"
	h := maps.Clone(req.Header)
	h["Authorization"] = "Bearer " + goldenKey
	delete(h, "Accept")
	g := golden{
		comment: "# " + what + "\n# Source: " + r.source + ".\n",
		request: req.Method + " " + path + " HTTP/1.1\nHost: api.clerk.com\n" + sortedHeader(h) + "\n" + string(req.Body),
	}
	kept := map[string]string{}
	for _, k := range []string{"Content-Type", "Retry-After", "Clerk-Trace-Id"} {
		if v := resp.Header.Get(k); v != "" {
			kept[k] = v
		}
	}
	body := string(resp.Body)
	if token != "" {
		body = strings.ReplaceAll(body, token, redactedJWT)
	}
	body = strings.ReplaceAll(body, r.key, goldenKey)
	g.response = "HTTP/1.1 " + strconv.Itoa(resp.StatusCode) + " " + clerkmini.StatusText(resp.StatusCode) + "\n" + sortedHeader(kept) + "\n" + body
	return os.WriteFile(filepath.Join(r.dir, name+".txt"), []byte(g.String()), 0o644)
}

// redactedJWT stands in for recorded tokens: JWT-shaped, signing nobody in.
const redactedJWT = "eyJhbGciOiJub25lIn0.eyJyZWRhY3RlZCI6dHJ1ZX0.cmVkYWN0ZWQ"

// pathPrefix is the path an API origin puts before "/v1" (a proxy's), or "".
func pathPrefix(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(u.EscapedPath(), "/"), "/v1")
}

// TestRecordAgainstSandbox runs the recorder against the sandbox over HTTP, as make
// record runs it against Clerk, and replays what it wrote.
func TestRecordAgainstSandbox(t *testing.T) {
	sb := clerktest.New(clerktest.WithOrganization("org_golden", "user_alice"))
	srv := httptest.NewServer(sb)
	defer srv.Close()
	dir := t.TempDir()
	r := recording{key: sb.SecretKey(), apiURL: srv.URL, user: "user_alice", org: "org_golden", dir: dir, source: "test"}
	if err := r.run(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
	}
	sort.Strings(names)
	if got, want := strings.Join(names, " "), "create create_404 create_expiry create_org revoke revoke_400 revoke_404 unauthorized_401"; got != want {
		t.Fatalf("recorded %s, want %s", got, want)
	}
	wantStatus := map[string]string{
		"create": `"status":"pending"`, "create_expiry": `"status":"pending"`, "create_org": `"status":"pending"`,
		"create_404": "StatusCode: 404", "revoke": `"status":"revoked"`, "revoke_400": "sign_in_token_cannot_be_revoked_code",
		"revoke_404": "StatusCode: 404", "unauthorized_401": "clerk_key_invalid",
	}
	for _, name := range names {
		data, _ := os.ReadFile(filepath.Join(dir, name+".txt"))
		if strings.Contains(string(data), sb.SecretKey()) {
			t.Errorf("%s holds the secret key", name)
		}
		g, err := parseGolden(string(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rt := &replay{t: t, g: g}
		c, _ := clerkmini.New(goldenKey, clerkmini.WithTransport(rt), clerkmini.WithRetries(0))
		tok, callErr, err := g.call(context.Background(), c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := render(tok, callErr)
		if !strings.Contains(got, wantStatus[name]) {
			t.Errorf("%s replays as\n%s", name, got)
		}
		if tok != nil && tok.Token != "" && tok.Token != redactedJWT {
			t.Errorf("%s keeps a real token", name)
		}
	}
	// Every token the recording minted was revoked on the way out.
	if n := sb.Tokens("pending"); n != 0 {
		t.Errorf("%d minted tokens left pending", n)
	}
}
