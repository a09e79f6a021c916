package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
	"github.com/clerkmini/clerkmini/internal/cut"
)

// hostileClerk answers every request with Clerk's error format stretched to what the
// core accepts: a 60,000-entry errors array and a trace id as long as the core's header
// bound allows.
func hostileClerk(t *testing.T) *httptest.Server {
	entries := make([]string, 60000)
	for i := range entries {
		entries[i] = `{"code":"c"}`
	}
	body := `{"errors":[` + strings.Join(entries, ",") + `]}`
	if len(body) > clerkmini.MaxResponseBytes {
		t.Fatalf("the body is %d bytes, above what the core reads", len(body))
	}
	trace := strings.Repeat("t", clerkmini.MaxResponseHeaderBytes-1<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Clerk-Trace-Id", trace)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(422)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestErrorTextBounded: however much Clerk says, the model reads at most maxResultBytes,
// told how many errors were left out, with the trace id's start and the hint kept.
func TestErrorTextBounded(t *testing.T) {
	ce := &clerkmini.ClerkErrors{StatusCode: 500, TraceID: strings.Repeat("t", 10<<20)}
	for range 60000 {
		ce.Errors = append(ce.Errors, clerkmini.ClerkError{Code: "c", Message: strings.Repeat("m", 100), Meta: []byte(`{"k":"` + strings.Repeat("v", 1000) + `"}`)})
	}
	text := clerkErrorText(ce)
	shown := strings.Count(text, "\ncode: ")
	if len(text) > maxResultBytes || shown == 0 {
		t.Fatalf("%d bytes, %d errors shown; want at most %d bytes and at least one error", len(text), shown, maxResultBytes)
	}
	// The count of errors left out, as the model reads it: "… 59,990 more errors not shown".
	m := regexp.MustCompile(`… (\d{2},\d{3}) more errors not shown`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("the text does not count the errors left out:\n%s", text)
	}
	if left, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", "")); shown+left != 60000 {
		t.Errorf("%d errors shown, and the text says %s are left out; want the 60,000 accounted for", shown, m[1])
	}
	for _, want := range []string{"clerk_trace_id: tttt", "more bytes not shown", "Clerk failed internally"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
}

// TestToolResultBounded: a tool's result from a hostile answer over HTTP stays within
// maxResultBytes, and the audit line's code within maxFieldBytes.
func TestToolResultBounded(t *testing.T) {
	srv := hostileClerk(t)
	cc, err := clerkmini.New("sk_test_bounds", clerkmini.WithAPIURL(srv.URL), clerkmini.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	audit := &syncBuffer{}
	tools := newTools(t, cc, audit)
	res, _ := tools.create(context.Background(), mcpCall(toolCreate, map[string]any{"user_id": "user_alice"}))
	if got := text(res); !res.IsError || len(got) > maxResultBytes || !strings.Contains(got, "more errors not shown") {
		t.Fatalf("result of %d bytes (isError %v): %s", len(got), res.IsError, cut.Preview(got, 300))
	}
	if len(audit.String()) > 1024 {
		t.Fatalf("audit line of %d bytes", len(audit.String()))
	}
}

// TestStdoutBoundedUnderHostileAnswers runs 64 calls at once against hostileClerk: stdout
// holds 64 bounded answers, not 64 copies of what Clerk sent.
func TestStdoutBoundedUnderHostileAnswers(t *testing.T) {
	const calls = 64
	srv := hostileClerk(t)
	p := start(t, []string{"CLERK_API_URL=" + srv.URL, "CLERK_SECRET_KEY=sk_test_bounds"})
	p.initialize()
	for i := range calls {
		p.callTool(i+1, toolCreate, map[string]any{"user_id": "user_alice"})
	}
	hostile := 0
	for range calls {
		m := p.read()
		if m.Result == nil || !m.Result.IsError || len(m.text()) > maxResultBytes {
			t.Fatalf("call %s: %+v %q", m.ID, m.Error, cut.Preview(m.text(), 300))
		}
		if strings.Contains(m.text(), "more errors not shown") {
			hostile++
		}
	}
	if hostile == 0 { // on a saturated machine some calls may time out first, not all
		t.Fatal("no call got the hostile answer")
	}
	rss := peakRSS(p.cmd.Process.Pid)
	if code := p.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	const envelope = 1 << 10 // the JSON-RPC and MCP fields around each text, JSON escaping
	if n := len(p.raw.String()); n > (calls+1)*(maxResultBytes+envelope) {
		t.Fatalf("stdout holds %d bytes for %d calls", n, calls)
	}
	t.Logf("stdout %d bytes for %d calls; server peak RSS %s", len(p.raw.String()), calls, rss)
}

// peakRSS reads a process's peak resident set (Linux), for the log: a report, not a check.
func peakRSS(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "unknown"
}

// TestOversizeTokenRefused: a 200 whose token object is far larger than a real one is a
// bad answer, bounded, rather than a megabyte passed to the model twice.
func TestOversizeTokenRefused(t *testing.T) {
	h := newHarness(t, "")
	huge := strings.Repeat("x", clerkmini.MaxResponseBytes/4) // three of them fit in what the core reads
	h.sb.Inject(clerktest.Fault{Op: "create", Status: 200, ContentType: "application/json",
		Body: `{"object":"sign_in_token","id":"sit_` + huge + `","status":"pending","user_id":"user_alice","token":"` + huge + `","url":"https://x/` + huge + `","created_at":1,"updated_at":1}`})
	msg := h.failure(h.call(toolCreate, map[string]any{"user_id": "user_alice"}))
	if len(msg) > maxResultBytes || !strings.Contains(msg, "more than the 8 KiB this server passes on") || !strings.Contains(msg, "A token may have been created") {
		t.Fatalf("%d bytes: %s", len(msg), cut.Preview(msg, 300))
	}
	a := h.auditLines()
	if len(a) != 1 || a[0].Outcome != "bad_answer" || len(h.audit.String()) > 2*maxFieldBytes {
		t.Fatalf("audit of %d bytes: %+v", len(h.audit.String()), cut.Preview(h.audit.String(), 300))
	}
}
