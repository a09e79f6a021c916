//go:build !tinygo

package clerktest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

func TestLocalOnlyAnswersOnlyThisMachinesNames(t *testing.T) {
	sb := clerktest.New()
	h := clerktest.LocalOnly(sb)
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"localhost", true}, {"LocalHost:3000", true}, {"127.0.0.1", true}, {"127.0.0.1:8787", true},
		{"127.255.0.9:1", true}, {"[::1]", true}, {"[::1]:8787", true}, {"LOCALHOST", true},

		{"", false}, {"evil.example", false}, {"evil.example:8787", false}, {"localhost.evil.example", false},
		{"127.0.0.1.nip.io", false}, {"devbox.internal:8787", false}, {"LOCALHOST.evil.example", false},
		{"0.0.0.0:8787", false}, {"10.0.0.1", false}, {"[::2]:8787", false}, {"127.0.0.1:99999", false},
		{"127.0.0.1:x", false}, {"[fe80::1%25lo]:80", false}, {"2130706433", false},
	} {
		req := httptest.NewRequest(http.MethodPost, "/v1/sign_in_tokens", strings.NewReader(`{"user_id":"user_alice"}`))
		req.Host = tc.host
		req.Header.Set("Authorization", "Bearer "+sb.SecretKey())
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if tc.ok && rec.Code != 200 {
			t.Errorf("Host %q: %d %s, want 200", tc.host, rec.Code, rec.Body)
		}
		// A 200's body holds a sign-in token: not printed.
		if !tc.ok && (rec.Code != 403 || !strings.Contains(rec.Body.String(), `"code":"host_invalid"`) || rec.Header().Get("Clerk-Trace-Id") == "") {
			t.Errorf("Host %q: %d, want 403 host_invalid in Clerk's error JSON", tc.host, rec.Code)
		}
	}
	if n := sb.Tokens(""); n != 8 {
		t.Errorf("%d tokens minted, want 8: refused requests must change nothing", n)
	}
}
