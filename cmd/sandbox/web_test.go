package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

func TestCORSAllowsLoopbackPagesOnly(t *testing.T) {
	h := withCORS(clerktest.New())
	for _, tc := range []struct {
		origin string
		allow  bool
	}{
		{"http://127.0.0.1:5173", true},
		{"http://localhost:3000", true},
		{"http://[::1]:8080", true},
		{"http://LocalHost:3000", true}, // hosts compare without letter case, as the Host check does
		{"http://LOCALHOST.evil.example", false},
		{"https://evil.example", false},
		{"http://127.0.0.1.evil.example", false},
		{"null", false},
	} {
		req := httptest.NewRequest(http.MethodOptions, "/v1/sign_in_tokens", nil)
		req.Header.Set("Origin", tc.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type,clerk-api-version")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("Access-Control-Allow-Origin")
		if tc.allow && (got != tc.origin || rec.Code != http.StatusNoContent || !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Clerk-API-Version")) {
			t.Errorf("preflight from %s: status %d, allow-origin %q, allow-headers %q", tc.origin, rec.Code, got, rec.Header().Get("Access-Control-Allow-Headers"))
		}
		if !tc.allow && got != "" {
			t.Errorf("preflight from %s: allowed (%q)", tc.origin, got)
		}
	}
}

func TestCORSExposesRetryAfterOnAnswers(t *testing.T) {
	sb := clerktest.New()
	sb.Inject(clerktest.Fault{Status: 429, RetryAfter: 3e9})
	req := httptest.NewRequest(http.MethodPost, "/v1/sign_in_tokens", strings.NewReader(`{"user_id":"user_alice"}`))
	req.Header.Set("Origin", "http://127.0.0.1:1234")
	req.Header.Set("Authorization", "Bearer "+sb.SecretKey())
	rec := httptest.NewRecorder()
	withCORS(sb).ServeHTTP(rec, req)
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "3" {
		t.Fatalf("status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec.Header().Get("Access-Control-Allow-Origin") != "http://127.0.0.1:1234" ||
		!strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "Retry-After") {
		t.Fatalf("CORS headers missing: %v", rec.Header())
	}
}

func TestWebServesFilesBesideTheAPI(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>playground</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "m.wasm"), []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "node_modules", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "node_modules", "x", "package.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	sb := clerktest.New()
	h := withWeb(sb, dir)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	if rec := get("/"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "playground") {
		t.Errorf("GET /: %d %q", rec.Code, rec.Body.String())
	}
	if rec := get("/m.wasm"); rec.Header().Get("Content-Type") != "application/wasm" {
		t.Errorf("GET /m.wasm: Content-Type %q; compileStreaming needs application/wasm", rec.Header().Get("Content-Type"))
	}
	if rec := get("/node_modules/x/package.json"); rec.Code != 404 {
		t.Errorf("node_modules served: %d %q", rec.Code, rec.Body.String())
	}
	req := httptest.NewRequest(http.MethodPost, "/v1/sign_in_tokens", strings.NewReader(`{"user_id":"user_alice"}`))
	req.Header.Set("Authorization", "Bearer "+sb.SecretKey())
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"sign_in_token"`) {
		t.Errorf("API behind -web: %d", rec.Code)
	}
}
