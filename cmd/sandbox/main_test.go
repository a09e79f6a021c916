package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serve runs the command with args until the test ends and returns what it printed as
// KEY=value lines (CLERK_API_URL, CLERK_SECRET_KEY).
func serve(t *testing.T, args ...string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(10 * time.Second): // hang guard
			t.Error("the sandbox did not stop when its context ended")
		}
	})
	sc := bufio.NewScanner(pr)
	lines := map[string]string{}
	for i := 0; i < 3 && sc.Scan(); i++ {
		k, v, _ := strings.Cut(sc.Text(), "=")
		lines[k] = v
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if !strings.HasPrefix(lines["CLERK_API_URL"], "http://127.0.0.1:") {
		t.Fatalf("printed %v", lines)
	}
	return lines
}

// call sends one request with the given Host header (the URL's when empty) and returns
// the status and body.
func call(t *testing.T, method, url, host, key, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func TestServesAndPrintsWhatClientsNeed(t *testing.T) {
	lines := serve(t, "-key", "sk_test_cmd", "-users", "user_x,user_y")
	if lines["CLERK_SECRET_KEY"] != "sk_test_cmd" {
		t.Fatalf("printed %v", lines)
	}
	if status, _ := call(t, "POST", lines["CLERK_API_URL"]+"/v1/sign_in_tokens", "", "sk_test_cmd", `{"user_id":"user_y"}`); status != 200 {
		t.Errorf("create for a -users user: %d", status)
	}
}

// -addr takes this machine's names as the Host check does, without letter case.
func TestAddrTakesLocalhostInAnyCase(t *testing.T) {
	lines := serve(t, "-addr", "LocalHost:0")
	if status, _ := call(t, "POST", lines["CLERK_API_URL"]+"/v1/sign_in_tokens", "", lines["CLERK_SECRET_KEY"], `{"user_id":"user_alice"}`); status != 200 {
		t.Errorf("create on -addr LocalHost:0: %d", status)
	}
}

func TestEachRunHasAFreshRandomKey(t *testing.T) {
	a, b := serve(t)["CLERK_SECRET_KEY"], serve(t)["CLERK_SECRET_KEY"]
	key := regexp.MustCompile(`^sk_test_[0-9A-Za-z]{40}$`)
	if !key.MatchString(a) || !key.MatchString(b) || a == b {
		t.Fatalf("keys of two runs: %q and %q; want two different random sk_test_ keys", a, b)
	}
	lines := serve(t)
	for _, k := range []string{"sk_test_clerkmini_sandbox", a} { // the old well-known key; another run's
		if status, _ := call(t, "POST", lines["CLERK_API_URL"]+"/v1/sign_in_tokens", "", k, `{"user_id":"user_alice"}`); status != 401 {
			t.Errorf("a key not this run's minted: %d", status)
		}
	}
}

// A page on the internet that makes its name resolve to 127.0.0.1 (DNS rebinding) talks
// to the sandbox as a same-origin page, with its own name in Host: nothing may answer it.
func TestRefusesRequestsForOtherHosts(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>playground</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := serve(t, "-web", dir)
	api, key := lines["CLERK_API_URL"], lines["CLERK_SECRET_KEY"]
	port := api[strings.LastIndex(api, ":"):]
	status, body := call(t, "POST", api+"/v1/sign_in_tokens", "", key, `{"user_id":"user_alice"}`)
	if status != 200 {
		t.Fatalf("create: %d %s", status, body)
	}
	var tok struct{ ID string }
	_ = json.Unmarshal([]byte(body), &tok)

	for _, host := range []string{"evil.example", "evil.example" + port, "127.0.0.1.evil.example" + port, "localhost.evil.example", "0.0.0.0" + port, "[::2]" + port} {
		for _, r := range []struct{ method, path, body string }{
			{"POST", "/v1/sign_in_tokens", `{"user_id":"user_alice"}`},
			{"POST", "/v1/sign_in_tokens/" + tok.ID + "/revoke", ""},
			{"POST", "/__sandbox/faults", `{"status":500,"times":-1}`},
			{"DELETE", "/__sandbox/faults", ""},
			{"POST", "/__sandbox/tokens/" + tok.ID + "/accept", ""},
			{"GET", "/__sandbox/tokens/" + tok.ID, ""},
			{"GET", "/", ""},
			{"GET", "/index.html", ""},
		} {
			status, body := call(t, r.method, api+r.path, host, key, r.body)
			if status != 403 || !strings.Contains(body, `"host_invalid"`) || strings.Contains(body, "playground") || strings.Contains(body, tok.ID) {
				t.Errorf("%s %s with Host %s: %d; want 403 host_invalid", r.method, r.path, host, status) // a 200 may hold a token: not printed
			}
		}
		req, _ := http.NewRequest(http.MethodOptions, api+"/v1/sign_in_tokens", nil)
		req.Host = host
		req.Header.Set("Origin", "http://127.0.0.1"+port)
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight with Host %s: %d, allow-origin %q", host, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
	}
	// Nothing above took effect: the token is still pending and no fault is queued.
	status, body = call(t, "GET", api+"/__sandbox/tokens/"+tok.ID, "", key, "")
	if status != 200 || !strings.Contains(body, `"pending"`) {
		t.Errorf("the token after refused requests: %d %s", status, body)
	}
	// Names of this machine, with or without the port, still work.
	for _, host := range []string{"localhost" + port, "LOCALHOST", "127.0.0.1", "127.9.9.9" + port, "[::1]" + port, "[::1]"} {
		if status, body := call(t, "GET", api+"/index.html", host, "", ""); status != 200 || !strings.Contains(body, "playground") {
			t.Errorf("GET /index.html with Host %s: %d %s", host, status, body)
		}
	}
}

func TestRefusesNonLoopbackAndBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-addr", "0.0.0.0:0"}, {"-addr", "example.com:80"}, {"-org", "nocolon"}, {"extra"},
		{"-key", "sk_live_realkey"}, {"-key", "pk_test_x"}, {"-key", "sk_test_with space"}} {
		var stderr strings.Builder
		err := run(context.Background(), args, io.Discard, &stderr)
		if err == nil {
			t.Errorf("%v: no error", args)
			continue
		}
		if args[0] == "-key" && (strings.Contains(err.Error(), args[1]) || strings.Contains(stderr.String(), args[1])) {
			t.Errorf("%v: the error repeats the key: %v", args, err)
		}
	}
}
