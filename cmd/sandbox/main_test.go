package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServesAndPrintsWhatClientsNeed(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-key", "sk_test_cmd", "-users", "user_x,user_y"}, pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	lines := map[string]string{}
	for i := 0; i < 3 && sc.Scan(); i++ {
		k, v, _ := strings.Cut(sc.Text(), "=")
		lines[k] = v
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if lines["CLERK_SECRET_KEY"] != "sk_test_cmd" || !strings.HasPrefix(lines["CLERK_API_URL"], "http://127.0.0.1:") {
		t.Fatalf("printed %v", lines)
	}
	req, _ := http.NewRequest("POST", lines["CLERK_API_URL"]+"/v1/sign_in_tokens", strings.NewReader(`{"user_id":"user_y"}`))
	req.Header.Set("Authorization", "Bearer sk_test_cmd")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("create for a -users user: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(10 * time.Second): // hang guard
		t.Fatal("the sandbox did not stop when its context ended")
	}
}

func TestRefusesNonLoopbackAndBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-addr", "0.0.0.0:0"}, {"-addr", "example.com:80"}, {"-org", "nocolon"}, {"extra"}} {
		err := run(context.Background(), args, io.Discard, io.Discard)
		if err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
