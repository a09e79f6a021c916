package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/clerkmini/clerkmini/internal/cut"
)

// echoClerk is a server on 127.0.0.1 that echoes the Authorization header it receives in
// every field and header a Clerk answer has, in the form keyForms names, one form per
// request, cycling through answer shapes too.
func echoClerk(t *testing.T, forms []string) *httptest.Server {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1) - 1)
		key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		echo := keyForms(key)[forms[i%len(forms)]]
		q, _ := json.Marshal(echo) // inside JSON strings
		quoted := string(q[1 : len(q)-1])
		if strings.HasPrefix(echo, `\u`) {
			quoted = echo // already JSON escapes: sent as they are, decoded by the reader
		}
		w.Header().Set("Clerk-Trace-Id", strings.ReplaceAll(echo, "\n", " "))
		w.Header().Set("X-Echo", strings.ReplaceAll(echo, "\n", " "))
		switch (i / len(forms)) % 3 {
		case 0: // Clerk's error format, the key in every field
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(422)
			io.WriteString(w, `{"errors":[{"code":"`+quoted+`","message":"`+quoted+`","long_message":"auth was `+quoted+`","meta":{"echo":"`+quoted+`","raw":"`+echo+`"}}],"clerk_trace_id":"`+quoted+`"}`)
		case 1: // a proxy's page
			w.Header().Set("Content-Type", "text/html; echo="+strings.ReplaceAll(echo, "\n", " "))
			w.WriteHeader(502)
			io.WriteString(w, "<html>Authorization: "+echo+"</html>")
		default: // a 401 with the key in the message and the trace id only in the header
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			io.WriteString(w, `{"errors":[{"code":"authentication_invalid","message":"`+quoted+` is not valid"}]}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestKeyNeverWrittenWhenEchoed drives the binary against echoClerk with every form of
// the key, logging at debug level with the audit trail in a file: no stdout line, stderr
// line or audit line holds the key.
func TestKeyNeverWrittenWhenEchoed(t *testing.T) {
	forms := slices.Sorted(func(yield func(string) bool) {
		for name := range keyForms(echoKey) {
			if !yield(name) {
				return
			}
		}
	})
	srv := echoClerk(t, forms)
	auditFile := filepath.Join(t.TempDir(), "audit.jsonl")
	p := start(t, []string{"CLERK_API_URL=" + srv.URL, "CLERK_SECRET_KEY=" + echoKey}, "--log-level", "debug", "--audit-log", auditFile)
	p.initialize()
	calls := 3 * len(forms)
	for i := range calls {
		if i%2 == 0 {
			p.callTool(i+1, toolCreate, map[string]any{"user_id": "user_alice"})
		} else {
			p.callTool(i+1, toolRevoke, map[string]any{"sign_in_token_id": "sit_x"})
		}
		if m := p.read(); m.Result == nil || !m.Result.IsError {
			t.Fatalf("call %d: %+v", i+1, m)
		}
	}
	if code := p.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	audit, err := os.ReadFile(auditFile)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(audit), "\n") != calls || !strings.Contains(p.raw.String(), redacted) {
		t.Fatalf("%d audit lines for %d calls; stdout redacted nothing:\n%s", strings.Count(string(audit), "\n"), calls, cut.Preview(p.raw.String(), 2000))
	}
	for where, content := range map[string]string{"stdout": p.raw.String(), "stderr": p.stderr.String(), "audit log": string(audit)} {
		for _, l := range strings.Split(content, "\n") {
			if exposes(l, echoKey) {
				t.Errorf("a %s line holds the key: %s", where, cut.Preview(l, 400))
			}
		}
	}
}

// TestUndrainedStderrNeverStalls gives the server a stderr nobody reads (the audit trail
// on it, as by default): every call is still answered, and once stderr is read again it
// says how many lines were dropped, which with the records written accounts for every call.
func TestUndrainedStderrNeverStalls(t *testing.T) {
	// ~320 filled the pipe and stalled the server before; an audit line is over 150
	// bytes, so these overflow the queue too.
	const calls = maxLogQueueBytes / 100
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, env := sandboxHTTP(t)
	p := startWithStderr(t, w, env)
	w.Close()
	p.initialize()
	const window = 500 // well below maxHeld: this test is about stderr, not the request bound
	for sent := 0; sent < calls; sent += window {
		for i := sent; i < min(sent+window, calls); i++ {
			p.callTool(i+1, toolRevoke, map[string]any{"sign_in_token_id": "sit_nope"})
		}
		for i := sent; i < min(sent+window, calls); i++ {
			if m := p.read(); m.Result == nil {
				t.Fatalf("call %s: %+v", m.ID, m.Error)
			}
		}
	}
	stderr := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		stderr <- string(b)
	}()
	if code := p.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	records, dropped := 0, 0
	for _, l := range strings.Split(<-stderr, "\n") {
		var n dropNotice
		if json.Unmarshal([]byte(l), &n) != nil || n.Audit != auditMarker {
			continue
		}
		if n.Outcome == "lines_dropped" {
			dropped += n.Dropped
		} else {
			records++
		}
	}
	if dropped == 0 || records+dropped != calls {
		t.Fatalf("%d audit records and %d dropped for %d calls", records, dropped, calls)
	}
}

// TestAuditLogRefusesUnsafeFiles: a symbolic link and a file others may read are refused
// at start, naming the fix; neither file is written.
func TestAuditLogRefusesUnsafeFiles(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.jsonl")
	if err := os.WriteFile(target, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.jsonl")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(dir, "shared.jsonl")
	if err := os.WriteFile(shared, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	_, env := sandboxHTTP(t)
	for path, want := range map[string]string{link: "is a symbolic link", shared: "has mode 0644, so others than its owner may read the trail: chmod 600 it first", dir: "is not a regular file"} {
		p := start(t, env, "--audit-log", path)
		code := p.exit()
		if stderr := p.stderr.String(); code != 2 || !strings.Contains(stderr, "--audit-log: "+path+" "+want) {
			t.Errorf("--audit-log %s: exit %d, stderr %q; want 2 and %q", filepath.Base(path), code, stderr, want)
		}
	}
	for _, f := range []string{target, shared} {
		if b, _ := os.ReadFile(f); len(b) != 0 {
			t.Errorf("%s was written: %s", f, b)
		}
	}
	// An owner-only file is used, and a new one is created owner-only.
	fresh := filepath.Join(dir, "fresh.jsonl")
	for _, path := range []string{target, fresh} {
		p := start(t, env, "--audit-log", path)
		p.initialize()
		p.callTool(1, toolRevoke, map[string]any{"sign_in_token_id": "sit_nope"})
		p.read()
		if code := p.exit(); code != 0 {
			t.Fatalf("--audit-log %s: exit %d: %s", path, code, p.stderr.String())
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v, %v", path, fi, err)
		}
	}
}
