package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// FuzzSession feeds arbitrary input to a whole stdio session, scrubbed for echoKey as
// production scrubs for the configured key: it must end at EOF (no hang), never panic,
// write nothing but JSON-RPC messages (the scrubber keeps them valid) and never the key.
// The seeds run in every go test; go test ./cmd/mcp -fuzz FuzzSession explores further.
func FuzzSession(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":{"user_id":"user_alice"}}}`,
		`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"revoke_sign_in_token","arguments":{"sign_in_token_id":"sit_x"}}}` + "\n" +
			`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":{"user_id":"user_alice","expires_in_seconds":1e400}}}`,
		`{"jsonrpc":"2.0","id":{"a":1},"method":"tools/call","params":7}`,
		`{"jsonrpc":"2.0","method":"notifications/cancelled","params":"x"}`,
		`{"jsonrpc":"2.0","id":3,"result":{}}`,
		`{"jsonrpc":"2.0","id":3,"method":"ping","result":{}}`,
		`{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}` + "\n" + `{"jsonrpc":"2.0","id":"sk_test_x\n1","method":"ping"}`,
		`{"id":4,"method":"tools/list"}` + "\n\n\r\n" + `{"jsonrpc":"2.0","id":4,"method":"tools/list"}`,
		"\x00\xff{\n[]\nnull\n\"s\"\n",
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":{"user_id":"user_alice","org_id":"org_\u2028x"}}}`,
		`{"jsonrpc":"2.0","id":"Bearer ` + echoKey + `","method":"ping"}` + "\n" + `{"jsonrpc":"2.0","id":"\\u0073` + echoKey[1:] + `","method":"ping"}`,
		`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"` + echoKey + `"}}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		srv := newServer(newSandboxTools(t))
		var out syncBuffer
		done := make(chan error, 1)
		go func() {
			done <- serveStdio(context.Background(), srv, strings.NewReader(initializeLine+"\n"+input), &out, newScrubber(echoKey), slog.New(slog.DiscardHandler))
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("serveStdio: %v", err)
			}
		case <-time.After(30 * time.Second): // a hang guard
			t.Fatal("the session did not end at EOF")
		}
		for _, l := range bytes.Split(bytes.TrimSuffix([]byte(out.String()), []byte("\n")), []byte("\n")) {
			var m struct {
				JSONRPC string `json:"jsonrpc"`
			}
			if json.Unmarshal(l, &m) != nil || m.JSONRPC != "2.0" {
				t.Fatalf("stdout line is not JSON-RPC: %q", l)
			}
			if exposes(string(l), echoKey) {
				t.Fatalf("stdout line holds the key: %q", l)
			}
		}
	})
}
