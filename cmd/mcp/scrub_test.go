package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

const echoKey = "sk_test_EchoKey7f3a9c1b2d4e6f80"

// keyForms are the configured key as a server could echo it back.
func keyForms(key string) map[string]string {
	var pct, uesc strings.Builder
	for _, c := range []byte(key) {
		fmt.Fprintf(&pct, "%%%02X", c)
		fmt.Fprintf(&uesc, `\u%04x`, c)
	}
	return map[string]string{
		"as sent":             key,
		"bearer":              "Bearer " + key,
		"lower":               strings.ToLower(key),
		"upper":               "BEARER " + strings.ToUpper(key),
		"query-escaped":       url.QueryEscape("Bearer " + key),
		"percent-encoded":     pct.String(),
		"json-escaped":        uesc.String(),
		"split by a newline":  key[:11] + "\n" + key[11:],
		"split by CRLF":       "Bearer " + key[:5] + "\r\n" + key[5:],
		"split by a space":    key[:20] + " " + key[20:],
		"split, URL-encoded":  url.QueryEscape(key[:14] + "\n" + key[14:]),
		"split, upper, twice": strings.ToUpper(key[:9]) + `\\n` + strings.ToUpper(key[9:]),
	}
}

// exposes reports whether text still holds the key or a recognisable part of it, decoded
// independently of the scrubber: case folded, separators dropped, escapes undone.
func exposes(text, key string) bool {
	t := strings.ToLower(text)
	for _, sep := range []string{`\\n`, `\\r`, `\n`, `\r`, "\n", "\r", " ", "+", "%0a", "%0d", "%20"} {
		t = strings.ReplaceAll(t, sep, "")
	}
	for c := 0; c < 128; c++ {
		ch := string(rune(c))
		t = strings.NewReplacer(fmt.Sprintf(`\\u%04x`, c), ch, fmt.Sprintf(`\u%04x`, c), ch, fmt.Sprintf("%%%02x", c), ch).Replace(t)
	}
	body := strings.ToLower(strings.TrimPrefix(key, "sk_test_"))
	return strings.Contains(t, body[:10]) || strings.Contains(t, body[len(body)-10:])
}

func TestScrubKeyForms(t *testing.T) {
	s := newScrubber(echoKey)
	for name, form := range keyForms(echoKey) {
		for _, ctx := range []string{"%s", "message: %s.", `{"text":%q}`} {
			in := fmt.Sprintf(ctx, form)
			if !exposes(in, echoKey) {
				t.Fatalf("%s: the test's own check misses %q", name, in)
			}
			if out := string(s.Bytes([]byte(in))); exposes(out, echoKey) || !strings.Contains(out, redacted) {
				t.Errorf("%s in %q: scrubbed to %q", name, ctx, out)
			}
		}
		// Inside a JSON line, encoded once more (as stdout holds a tool's text): still
		// found, and the line stays valid JSON.
		line, _ := json.Marshal(map[string]string{"text": "Clerk said: " + form + " (trace x)"})
		out := s.Bytes(line)
		if exposes(string(out), echoKey) || !json.Valid(out) {
			t.Errorf("%s in a JSON line: %s", name, out)
		}
	}
}

func TestScrubAnyKeyShape(t *testing.T) {
	s := newScrubber("") // the sandbox: no configured key, shapes only
	for _, in := range []string{"sk_live_AbC123xyz", "SK_TEST_someone_else", `"Bearer sk_test_x9"`, `\u0073k_live_Z0`, "%73k_test_q"} {
		if out := string(s.Bytes([]byte(in))); strings.Contains(strings.ToLower(out), "k_live_") || strings.Contains(strings.ToLower(out), "k_test_") {
			t.Errorf("%q scrubbed to %q", in, out)
		}
	}
	for _, in := range []string{"sk_test_", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", `{"id":"sit_123","user_id":"user_alice"}`, `\\\"s\u00e9`} {
		if out := string(s.Bytes([]byte(in))); out != in {
			t.Errorf("%q changed to %q", in, out)
		}
	}
}

func TestScrubCleanLineCostsNoAllocation(t *testing.T) {
	s := newScrubber(echoKey)
	line := []byte(`{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"{\"object\":\"sign_in_token\",\"id\":\"sit_2x\",\"status\":\"pending\",\"user_id\":\"user_alice\",\"token\":\"eyJhbGciOi.x.y\",\"url\":\"https://accounts.example.com/v1/tickets/accept?ticket=eyJ\"}"}]}}`)
	if n := testing.AllocsPerRun(100, func() { s.Bytes(line) }); n != 0 {
		t.Fatalf("%v allocations per clean line", n)
	}
}

// BenchmarkScrubResultLine is the scrubber's cost on a created token's answer, which
// every successful call writes.
func BenchmarkScrubResultLine(b *testing.B) {
	s := newScrubber(echoKey)
	line := []byte(`{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"{\"object\":\"sign_in_token\",\"id\":\"sit_2x\",\"status\":\"pending\",\"user_id\":\"user_alice\",\"token\":\"eyJhbGciOi.x.y\",\"url\":\"https://accounts.example.com/v1/tickets/accept?ticket=eyJ\"}"}],"structuredContent":{"object":"sign_in_token","id":"sit_2x","status":"pending","user_id":"user_alice","token":"eyJhbGciOi.x.y","url":"https://accounts.example.com/v1/tickets/accept?ticket=eyJ"}}}`)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		s.Bytes(line)
	}
}
