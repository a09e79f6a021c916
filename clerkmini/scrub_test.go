//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// echoForms are the ways a proxy or a misconfigured API URL could plausibly echo the
// Authorization header it received: each turns the header's value into the echoed text.
var echoForms = map[string]func(auth string) string{
	"as sent":                 func(a string) string { return a },
	"without Bearer":          func(a string) string { return strings.TrimPrefix(a, "Bearer ") },
	"lower case":              strings.ToLower,
	"upper case":              strings.ToUpper,
	"URL-encoded":             func(a string) string { return percentEncodeAll(a, "%%%02X") },
	"URL-encoded, lower hex":  func(a string) string { return percentEncodeAll(a, "%%%02x") },
	"URL-encoded, lower case": func(a string) string { return percentEncodeAll(strings.ToLower(a), "%%%02X") },
	"JSON-escaped":            jsonEscapeAll,
	"split by a newline":      func(a string) string { return a[:len(a)/2] + "\n" + a[len(a)/2:] },
	"split by CRLF":           func(a string) string { return a[:len(a)/3] + "\r\n" + a[len(a)/3:] },
	"folded":                  func(a string) string { return a[:len(a)/2] + "\r\n\t" + a[len(a)/2:] },
	"query string": func(a string) string {
		return "https://x/?authorization=" + strings.ReplaceAll(percentEncodeAll(a, "%%%02X"), "%20", "+")
	},
}

// percentEncodeAll encodes every byte, as the most eager URL encoder would.
func percentEncodeAll(s, format string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, format, s[i])
	}
	return b.String()
}

// jsonEscapeAll writes every byte as a \u escape, the most eager JSON encoder's output.
func jsonEscapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\u%04x`, s[i])
	}
	return b.String()
}

// leaked reports whether text holds any part of the test key's secret in any of the
// forms above, read more eagerly than the client reads them: every escape decoded, case
// and whitespace ignored, and a third of the secret part enough.
func leaked(text string) bool {
	s := strings.ToLower(text)
	for i := 0; i < 3; i++ { // nested encodings too
		s = strings.NewReplacer(`\r`, "", `\n`, "", `\t`, "", "\r", "", "\n", "", "\t", "", " ", "", "+", "").Replace(s)
		var b strings.Builder
		for j := 0; j < len(s); j++ {
			if s[j] == '%' && j+2 < len(s) {
				if n, err := strconv.ParseUint(s[j+1:j+3], 16, 8); err == nil {
					b.WriteByte(byte(n))
					j += 2
					continue
				}
			}
			if s[j] == '\\' && j+5 < len(s) && s[j+1] == 'u' {
				if n, err := strconv.ParseUint(s[j+2:j+6], 16, 8); err == nil {
					b.WriteByte(byte(n))
					j += 5
					continue
				}
			}
			b.WriteByte(s[j])
		}
		s = strings.ToLower(b.String())
	}
	secret := strings.ToLower(strings.TrimPrefix(testKey, "sk_test_"))
	for i := 0; i+7 <= len(secret); i++ { // any third of it; none is in "[secret key]"
		if strings.Contains(s, secret[i:i+7]) {
			return true
		}
	}
	return false
}

// everyText is every way a face could render err: its text in each verb, and every
// string or byte field reachable from it, errors in its chain included.
func everyText(err error) []string {
	out := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprintf("%q", err)}
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface:
			if v.IsNil() {
				return
			}
			if v.CanInterface() {
				if e, ok := v.Interface().(error); ok {
					out = append(out, e.Error())
				}
			}
			walk(v.Elem())
		case reflect.Pointer:
			if !v.IsNil() && !seen[v.Pointer()] {
				seen[v.Pointer()] = true
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				out = append(out, string(v.Bytes()))
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Key())
				walk(it.Value())
			}
		case reflect.String:
			out = append(out, v.String())
		}
	}
	walk(reflect.ValueOf(err))
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		out = append(out, e.Error())
	}
	return out
}

// echoPlaces are where a server puts the echoed text: each writes a whole answer.
var echoPlaces = map[string]func(w http.ResponseWriter, echo string){
	"message":      clerkJSON(func(echo string) string { return `"message":"` + echo + `","long_message":"x","code":"c"` }, ""),
	"long_message": clerkJSON(func(echo string) string { return `"message":"m","long_message":"Bad header: ` + echo + `.","code":"c"` }, ""),
	"code":         clerkJSON(func(echo string) string { return `"message":"m","code":"` + echo + `"` }, ""),
	"meta": clerkJSON(func(echo string) string {
		return `"code":"c","meta":{"headers":{"authorization":["` + echo + `"]},"` + echo + `":1}`
	}, ""),
	"clerk_trace_id":                 clerkJSON(func(string) string { return `"code":"c"` }, "x"),
	"Clerk-Trace-Id":                 echoHeader("Clerk-Trace-Id", 404, clerkNotFound),
	"Clerk-Trace-Id on a proxy page": echoHeader("Clerk-Trace-Id", 502, "<html>bad gateway</html>"),
	"cf-ray":                         echoHeader("Cf-Ray", 404, clerkNotFound),
	"Content-Type":                   echoHeader("Content-Type", 502, "<html>bad gateway</html>"),
	"Content-Type of a 200":          echoHeader("Content-Type", 200, "{}"),
	"non-JSON body": func(w http.ResponseWriter, echo string) {
		w.WriteHeader(502)
		fmt.Fprintf(w, "<pre>Authorization: %s</pre>", echo)
	},
	"truncated JSON": func(w http.ResponseWriter, echo string) {
		w.WriteHeader(500)
		fmt.Fprintf(w, `{"errors":[{"code":"%s"`, echo)
	},
	"a 200 not a token": func(w http.ResponseWriter, echo string) {
		fmt.Fprintf(w, `{"object":"%s","id":"x","status":"s","user_id":"u","created_at":1,"updated_at":1}`, echo)
	},
}

// clerkJSON answers a 400 in Clerk's error format with entry's fields; a non-empty trace
// puts the echo in clerk_trace_id too.
func clerkJSON(entry func(echo string) string, trace string) func(http.ResponseWriter, string) {
	return func(w http.ResponseWriter, echo string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		body := `{"errors":[{` + entry(jsonInString(echo)) + `}]`
		if trace != "" {
			body += `,"clerk_trace_id":"` + jsonInString(echo) + `"`
		}
		fmt.Fprint(w, body+"}")
	}
}

// jsonInString makes echo fit in a JSON string as a server would write it: a raw line
// break is escaped, a \u escape kept.
func jsonInString(echo string) string {
	b, _ := json.Marshal(echo)
	s := string(b[1 : len(b)-1])
	return strings.ReplaceAll(s, `\\u`, `\u`)
}

const clerkNotFound = `{"errors":[{"code":"resource_not_found","message":"not found"}]}`

func echoHeader(name string, status int, body string) func(http.ResponseWriter, string) {
	return func(w http.ResponseWriter, echo string) {
		w.Header()[name] = []string{echo} // net/http turns a line break into a space, as a proxy folding it would
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
}

// TestEchoedKeyNeverLeaves drives the client against a server that echoes the
// Authorization header it received in every form, into every place of an answer: no
// error text, field or chained error may hold any part of the key.
func TestEchoedKeyNeverLeaves(t *testing.T) {
	var form, place string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echoPlaces[place](w, echoForms[form](r.Header.Get("Authorization")))
	}))
	defer srv.Close()
	c := httpClient(t, srv.URL, clerkmini.WithRetries(0))
	for form = range echoForms {
		for place = range echoPlaces {
			_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
			if err == nil {
				t.Fatalf("%s, %s: no error", form, place)
			}
			for _, text := range everyText(err) {
				if leaked(text) {
					t.Errorf("%s, in %s: the key leaks: %q", form, place, text)
					break
				}
			}
		}
	}
}

// TestEchoedKeyKeepsMetaValidJSON checks that a scrubbed meta is still JSON, with what did
// not hold the key unchanged.
func TestEchoedKeyKeepsMetaValidJSON(t *testing.T) {
	body := `{"errors":[{"code":"c","meta":{"n":[1,true,null,{"k":"` + jsonEscapeAll("Bearer "+testKey) + `"}],"\\` + `u0073` + testKey[1:] + `":"v","param_name":"user_id"}}]}`
	rec := answering(answer(400, body))
	_, err := newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || len(ce.Errors) != 1 {
		t.Fatalf("got %v", err)
	}
	var meta map[string]any
	if err := json.Unmarshal(ce.Errors[0].Meta, &meta); err != nil {
		t.Fatalf("meta %s is not JSON: %v", ce.Errors[0].Meta, err)
	}
	if meta["param_name"] != "user_id" || leaked(string(ce.Errors[0].Meta)) || !strings.Contains(string(ce.Errors[0].Meta), "[secret key]") {
		t.Errorf("meta = %s", ce.Errors[0].Meta)
	}
}

// TestTransportErrorQuotingTheKeyIsScrubbed answers with garbage that holds the key:
// net/http quotes it in its error, which the client must not pass on.
func TestTransportErrorQuotingTheKeyIsScrubbed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			_, _ = conn.Read(buf)
			_, _ = conn.Write([]byte(strings.ToLower(testKey) + " 200 OK\r\n\r\n"))
			conn.Close()
		}
	}()
	c := httpClient(t, "http://"+ln.Addr().String(), clerkmini.WithRetries(0))
	_, err = c.SignInTokens.Revoke(context.Background(), "sit_1")
	var te *clerkmini.TransportError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "malformed HTTP") {
		t.Fatalf("got %v", err)
	}
	for _, text := range everyText(err) {
		if leaked(text) {
			t.Errorf("the key leaks: %q", text)
		}
	}
}

func TestScrubberForms(t *testing.T) {
	const mark = "[secret key]"
	scrub := clerkmini.Scrubber(testKey)
	for _, tc := range []struct{ in, want string }{
		{"x " + testKey + " y", "x " + mark + " y"},
		{"Bearer " + testKey, "Bearer " + mark},
		{testKey + testKey, mark + mark},
		{strings.ToUpper(testKey) + "," + strings.ToLower(testKey), mark + "," + mark},
		{"k=" + percentEncodeAll(testKey, "%%%02x") + "&", "k=" + mark + "&"},
		{jsonEscapeAll(testKey), mark},
		{`\U0073` + testKey[1:], mark},
		{testKey[:5] + "\r\n " + testKey[5:9] + `\n` + testKey[9:12] + "%0D%0A" + testKey[12:], mark},
		{testKey[:5] + "\\r\\n\\t" + testKey[5:], mark},
		{"%%" + testKey, "%%" + mark},
		{`\\u0073` + testKey[1:], `\` + mark},
		// Not the key: a prefix, a different key, a gap too long to be a line break.
		{testKey[:len(testKey)-1], testKey[:len(testKey)-1]},
		{"sk_test_other", "sk_test_other"},
		{testKey[:5] + strings.Repeat(" ", 9) + testKey[5:], testKey[:5] + strings.Repeat(" ", 9) + testKey[5:]},
		{"", ""},
		{"%", "%"},
		{`\u00`, `\u00`},
		{"s", "s"},
	} {
		if got := scrub(tc.in); got != tc.want {
			t.Errorf("Scrub(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := clerkmini.Scrubber("sk_test_a/b")(`sk_test_a\/b`); got != "[secret key]" {
		t.Errorf("a JSON-escaped slash: got %q", got)
	}
}

// TestScrubbedTransportErrorKeepsItsMeaning: an error that quoted the key is replaced, but
// the client still knows the request never left, so a Create is retried.
func TestScrubbedTransportErrorKeepsItsMeaning(t *testing.T) {
	calls := 0
	tr := clerkmini.TransportFunc(func(ctx context.Context, req *clerkmini.Request) (*clerkmini.Response, error) {
		calls++
		return nil, clerkmini.NotSent(fmt.Errorf("proxy refused %q", req.Header["Authorization"]))
	})
	c := newClient(t, tr, clerkmini.WithRetries(1))
	clerkmini.SetSleep(c, func(context.Context, time.Duration) error { return nil })
	_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var te *clerkmini.TransportError
	if !errors.As(err, &te) || calls != 2 || te.MayHaveReachedClerk || !errors.Is(err, clerkmini.ErrRequestNotSent) {
		t.Fatalf("calls %d, got %v", calls, err)
	}
	if want := `clerk: create sign-in token: proxy refused "Bearer [secret key]" (after 2 attempts)`; err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err, want)
	}
	for _, text := range everyText(err) {
		if leaked(text) {
			t.Errorf("the key leaks: %q", text)
		}
	}
}

// BenchmarkScrub measures the scrubber on a typical Clerk error message, where the key is
// absent (every error pays this), and on one that echoes it.
func BenchmarkScrub(b *testing.B) {
	msg := "Sign in token cannot be revoked because its status is revoked. Only pending tokens can be revoked. See https://clerk.com/docs/reference/backend-api for sign_in_token details."
	scrub := clerkmini.Scrubber(testKey)
	for name, text := range map[string]string{"absent": msg, "echoed": msg + " Authorization: Bearer " + testKey} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = scrub(text)
			}
		})
	}
}

// TestEchoAcrossTheSnippetCut: an echo that begins just before the body snippet is cut is
// blanked whole, not cut into a half that survives.
func TestEchoAcrossTheSnippetCut(t *testing.T) {
	for _, at := range []int{0, 700, 784, 799, 800, 5000} {
		for form, echo := range echoForms {
			body := strings.Repeat(" ", at) + echo("Bearer "+testKey) + " tail"
			_, err := once(t, answer(502, body, "Content-Type", "text/plain")).SignInTokens.Revoke(context.Background(), "sit_1")
			var se *clerkmini.SDKError
			if !errors.As(err, &se) {
				t.Fatalf("got %v", err)
			}
			if leaked(se.Body) || leaked(err.Error()) {
				t.Errorf("%s at %d: %q", form, at, se.Body)
			}
		}
	}
}

// FuzzScrub: whatever surrounds an echo of the key, the scrubber never panics and no
// literal copy of the key, in any case, survives it.
func FuzzScrub(f *testing.F) {
	f.Add("", "")
	f.Add("%", `\`)
	f.Add(`\u00`, "%0")
	f.Add("Bearer ", "\r\n")
	scrub := clerkmini.Scrubber(testKey)
	f.Fuzz(func(t *testing.T, before, after string) {
		for _, echo := range []string{testKey, strings.ToUpper(testKey), percentEncodeAll(testKey, "%%%02x"), jsonEscapeAll(testKey)} {
			got := scrub(before + echo + after)
			if strings.Contains(strings.ToLower(got), strings.ToLower(testKey)) {
				t.Fatalf("scrub(%q) = %q", before+echo+after, got)
			}
		}
		_ = scrub(before + after)
	})
}

// TestRedactorCopiesNothingClean: a text with no echo comes back as itself, unallocated.
func TestRedactorCopiesNothingClean(t *testing.T) {
	lines := clerkmini.NewRedactor(testKey, clerkmini.RedactorOptions{Mark: "[k]", KeyShapes: true, JSONText: true})
	clean := []byte(`{"id":"sit_1","text":"\"s\\u00e9\" sk_ %7"}`)
	if n := testing.AllocsPerRun(100, func() {
		if out := lines.Bytes(clean); &out[0] != &clean[0] {
			t.Fatal("a clean text was copied")
		}
	}); n != 0 {
		t.Errorf("%v allocations for a clean text", n)
	}
}
