package hosttest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// memorySender answers from the sandbox in memory (its clerkmini.Transport), so that
// thousands of pairs take no sockets.
func memorySender(sb *clerktest.Sandbox) sender {
	return func(p sendPayload) outcome {
		req := &clerkmini.Request{Method: p.Method, URL: p.URL, Header: clerkmini.Header(p.Headers)}
		if p.Body != nil {
			req.Body = []byte(*p.Body)
		}
		resp, err := sb.RoundTrip(context.Background(), req)
		if err != nil {
			return outcome{kind: 2, msg: err.Error()}
		}
		var h strings.Builder
		for k, v := range resp.Header {
			h.WriteString(k + ": " + v + "\n")
		}
		return outcome{status: resp.StatusCode, headers: h.String(), body: resp.Body}
	}
}

// pairs creates and revokes n tokens, each through a client made and freed for it half
// of the time, and fails on any step that is not a success.
func pairs(t *testing.T, m *instance, sb *clerktest.Sandbox, c int32, n int) {
	send := memorySender(sb)
	for i := 0; i < n; i++ {
		cl := c
		if i%2 == 1 {
			cl, _ = m.newClient(map[string]any{"secret_key": sb.SecretKey(), "api_url": "http://127.0.0.1:1"})
		}
		call, fail := m.start("create", cl, map[string]any{"user_id": "user_alice"})
		if call == 0 {
			t.Fatal(fail)
		}
		tok := m.drive(call, send)
		call, _ = m.start("revoke", cl, map[string]any{"sign_in_token_id": tok.v["id"]})
		if r := m.drive(call, send); tok.action != actDone || r.action != actDone {
			t.Fatalf("pair %d: %v, %v", i, tok.v, r.v)
		}
		if cl != c {
			m.call("clerkmini_client_free", uint64(uint32(cl)))
		}
	}
}

// TestMemoryStaysFlat: after a warm-up, thousands more create + revoke pairs (with
// clients made and freed, and errors) leave the module's memory within a small bound.
func TestMemoryStaysFlat(t *testing.T) {
	const warmup, n = 2000, 4000
	eachModule(t, func(t *testing.T, m *instance) {
		sb := clerktest.New()
		c, fail := m.newClient(map[string]any{"secret_key": sb.SecretKey(), "api_url": "http://127.0.0.1:1"})
		if c == 0 {
			t.Fatal(fail)
		}
		pairs(t, m, sb, c, warmup)
		before := m.pages()
		pairs(t, m, sb, c, n)
		for i := 0; i < n/4; i++ { // errors take memory too: a 404 and a validation failure
			call, _ := m.start("create", c, map[string]any{"user_id": "user_nobody"})
			if r := m.drive(call, memorySender(sb)); r.v["status"] != 404.0 {
				t.Fatal(r.v)
			}
			if call, _ := m.start("create", c, map[string]any{"user_id": ""}); call != 0 {
				t.Fatal("an empty user_id was accepted")
			}
		}
		after := m.pages()
		t.Logf("memory: %d pages (%.1f MiB) after %d pairs, %d pages after %d more", before, float64(before)/16, warmup, after, n)
		// An eighth of what the module holds, at least 2 pages: TinyGo's 8 pages may not
		// reach 11, Go's ~122 not 138. A leak of a few bytes a pair shows over 4,000 pairs.
		if maxGrowthPages := max(2, before/8); after > before+maxGrowthPages {
			t.Errorf("memory grew from %d to %d pages over %d pairs", before, after, n)
		}
	})
}

// TestShippedModuleDeclaresItsHeap: TinyGo's heap spans the memory _initialize finds, and
// a 2-page heap was collected every few calls, so the shipped module declares 8 pages
// (cmd/wasm/tinygo-target.json) and starts with them, grown by nothing.
func TestShippedModuleDeclaresItsHeap(t *testing.T) {
	const want = 8
	for _, path := range strings.Split(*modules, ",") {
		if filepath.Base(path) != "clerkmini.wasm" {
			continue
		}
		def := compile(t, path).mod.ExportedMemories()["memory"]
		if def == nil {
			t.Fatalf("%s exports no memory", path)
		}
		if def.Min() != want {
			t.Fatalf("%s declares %d pages of memory, want %d", path, def.Min(), want)
		}
		if p := load(t, path).pages(); p != want {
			t.Errorf("%s holds %d pages after _initialize, want the %d it declares", path, p, want)
		}
		return
	}
	t.Skip("-modules names no clerkmini.wasm (the shipped TinyGo module)")
}
