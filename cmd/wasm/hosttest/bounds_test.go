package hosttest

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The exports README.md documents, besides memory and _initialize.
var documented = []string{
	"clerkmini_abi_version", "clerkmini_alloc", "clerkmini_call_free", "clerkmini_client_free", "clerkmini_client_new",
	"clerkmini_create", "clerkmini_live_clients", "clerkmini_max_header_bytes", "clerkmini_max_input",
	"clerkmini_max_response_bytes", "clerkmini_next", "clerkmini_output_len", "clerkmini_output_ptr", "clerkmini_response",
	"clerkmini_revoke", "clerkmini_transport_error",
}

// tinygoRuntimeExports are float helpers TinyGo's runtime exports from every module
// (src/runtime/float.go): pure functions, no part of the ABI.
var tinygoRuntimeExports = map[string]bool{"fminimum": true, "fminimumf": true, "fmaximum": true, "fmaximumf": true}

func TestExportsAndImportsAreTheDocumentedOnes(t *testing.T) {
	for _, path := range strings.Split(*modules, ",") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			c := compile(t, path)
			var got []string
			for name := range c.mod.ExportedFunctions() {
				if !tinygoRuntimeExports[name] {
					got = append(got, name)
				}
			}
			slices.Sort(got)
			want := append([]string{"_initialize"}, documented...)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("exports %v, want %v", got, want)
			}
			if _, ok := c.mod.ExportedMemories()["memory"]; !ok {
				t.Error("no memory export")
			}
			var imports []string
			for _, f := range c.mod.ImportedFunctions() {
				mod, name, _ := f.Import()
				if mod != "wasi_snapshot_preview1" {
					t.Errorf("imports %s.%s", mod, name)
				}
				imports = append(imports, name)
			}
			t.Logf("imports: %v", imports)
			if strings.HasSuffix(path, "/clerkmini.wasm") && len(imports) > 0 {
				t.Errorf("the TinyGo module imports %v; it must import nothing", imports)
			}
			m := load(t, path)
			if m.i32("clerkmini_abi_version") != 1 {
				t.Error("abi version")
			}
		})
	}
}

// wantNoHandle checks that an export that returns a handle returned 0, with a
// validation payload naming field.
func wantNoHandle(t *testing.T, m *instance, what string, h int32, field string) {
	t.Helper()
	if h != 0 {
		t.Errorf("%s: returned handle %d", what, h)
		return
	}
	wantFail(t, m, what, actFail, field)
}

// wantFail checks that act is FAIL with a validation payload naming field.
func wantFail(t *testing.T, m *instance, what string, act int32, field string) {
	t.Helper()
	v := m.payload()
	if act != actFail || v["kind"] != "validation" || v["field"] != field {
		t.Errorf("%s: action %d, payload %v; want a validation failure on %s", what, act, v, field)
	}
}

// A member the module does not know is refused by name, with the ones it takes: a typo
// in an option or a parameter is never silently dropped.
func TestUnknownMembersAreNamed(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		c, _ := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
		p, n := m.input([]byte(`{"secret_key":"sk_test_abc","retry":2}`))
		wantNoHandle(t, m, "client_new with retry", m.i32("clerkmini_client_new", p, n), "retry")
		want := func(what, message string) {
			t.Helper()
			if got, _ := m.payload()["message"].(string); !strings.Contains(got, message) {
				t.Errorf("%s: message %q, want it to say %q", what, got, message)
			}
		}
		want("client_new with retry", "is not an option (secret_key, api_url, user_agent, retries, timeout_ms, jitter_seed)")
		wantNoHandle(t, m, "create with userId", m.createRaw(uint64(c), `{"userId":"user_a"}`), "userId")
		want("create with userId", "is not a parameter (user_id, expires_in_seconds, org_id)")
		wantNoHandle(t, m, "create with sign_in_token_id", m.createRaw(uint64(c), `{"sign_in_token_id":"sit_1"}`), "sign_in_token_id")
		p, n = m.input([]byte(`{"sign_in_token_id":"sit_1","user_id":"user_a"}`))
		wantNoHandle(t, m, "revoke with user_id", m.i32("clerkmini_revoke", uint64(c), p, n), "user_id")
		want("revoke with user_id", "is not a parameter (sign_in_token_id)")
	})
}

func TestBadHandlesAndBuffersGiveErrorsNotTraps(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		maxIn := uint64(m.call("clerkmini_max_input"))
		if maxIn != 1<<20+1 || m.call("clerkmini_max_response_bytes") != 1<<20 || m.call("clerkmini_max_header_bytes") != 64<<10 {
			t.Fatalf("limits %d %d %d", maxIn, m.call("clerkmini_max_response_bytes"), m.call("clerkmini_max_header_bytes"))
		}
		if p := m.call("clerkmini_alloc", maxIn+1); p != 0 {
			t.Errorf("alloc beyond max_input returned %d", p)
		}
		if p := m.call("clerkmini_alloc", 1<<32-1); p != 0 {
			t.Errorf("alloc(4 GiB) returned %d", p)
		}
		// At most 64 buffers outstanding; passing one releases it.
		var held []uint64
		for i := 0; i < 64; i++ {
			if p := m.call("clerkmini_alloc", 8); p == 0 {
				t.Fatalf("alloc %d refused", i)
			} else {
				held = append(held, p)
			}
		}
		if m.call("clerkmini_alloc", 8) != 0 {
			t.Error("a 65th outstanding buffer was handed out")
		}
		wantNoHandle(t, m, "client_new on an unwritten buffer", m.i32("clerkmini_client_new", held[0], 8), "options")
		if m.call("clerkmini_alloc", 8) == 0 {
			t.Error("a passed buffer was not released")
		}
		for _, p := range held[1:] {
			m.call("clerkmini_call_free", 0) // no-op
			m.i32("clerkmini_transport_error", 12345, 1, p, 0)
		}

		// Pointers the module did not hand out, or used twice, or lengths beyond them.
		wantNoHandle(t, m, "foreign pointer", m.i32("clerkmini_client_new", 16, 4), "input")
		wantNoHandle(t, m, "pointer past memory", m.i32("clerkmini_client_new", 1<<32-8, 1<<20), "input")
		p, n := m.input([]byte(`{"secret_key":"sk_test_abc"}`))
		wantNoHandle(t, m, "length beyond the buffer", m.i32("clerkmini_client_new", p, n+1), "input")
		wantNoHandle(t, m, "a buffer passed twice", m.i32("clerkmini_client_new", p, n), "input")

		// Handles never handed out, or freed.
		for _, h := range []uint64{0, 1, 2, 1 << 31, 1<<32 - 1} {
			wantFail(t, m, "next", m.i32("clerkmini_next", h), "call")
			wantNoHandle(t, m, "create", m.createRaw(h, `{"user_id":"user_a"}`), "client")
			wantNoHandle(t, m, "revoke", m.i32("clerkmini_revoke", h, 0, 0), "client")
			wantFail(t, m, "response", m.respond(int32(h), 200, 0, "", nil), "call")
			wantFail(t, m, "transport_error", m.transportError(int32(h), 1, "x"), "call")
			m.call("clerkmini_call_free", h)
			m.call("clerkmini_client_free", h)
		}
		c, _ := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
		call, _ := m.start("create", c, map[string]any{"user_id": "user_a"})
		m.call("clerkmini_client_free", uint64(c))
		if m.i32("clerkmini_next", uint64(call)) != actSend {
			t.Error("freeing a client ended its call")
		}
		wantNoHandle(t, m, "create on a freed client", m.createRaw(uint64(c), `{"user_id":"user_a"}`), "client")
		m.call("clerkmini_call_free", uint64(call))
		wantFail(t, m, "next on a freed call", m.i32("clerkmini_next", uint64(call)), "call")
		c2, _ := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
		if c2 == c {
			t.Error("a freed handle was handed out again")
		}
	})
}

func TestMisuseOfACallEndsIt(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		c, _ := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
		for _, tc := range []struct {
			name  string
			field string
			do    func(call int32) int32
		}{
			{"status 0", "status", func(call int32) int32 { return m.respond(call, 0, 1e12, "", nil) }},
			{"status 600", "status", func(call int32) int32 { return m.respond(call, 600, 1e12, "", nil) }},
			{"now NaN", "now_ms", func(call int32) int32 { return m.respond(call, 200, math.NaN(), "", nil) }},
			{"now -1", "now_ms", func(call int32) int32 { return m.respond(call, 200, -1, "", nil) }},
			{"now +Inf", "now_ms", func(call int32) int32 { return m.respond(call, 200, math.Inf(1), "", nil) }},
			{"kind 0", "kind", func(call int32) int32 { return m.transportError(call, 0, "") }},
			{"kind 9", "kind", func(call int32) int32 { return m.transportError(call, 9, "") }},
			{"foreign body", "input", func(call int32) int32 {
				return m.i32("clerkmini_response", uint64(call), 200, math.Float64bits(1e12), 0, 0, 8, 8)
			}},
			{"long message", "message", func(call int32) int32 { return m.transportError(call, 2, strings.Repeat("x", 16<<10+1)) }},
		} {
			call, _ := m.start("create", c, map[string]any{"user_id": "user_a"})
			wantFail(t, m, tc.name, tc.do(call), tc.field)
			wantFail(t, m, tc.name+", then next", m.i32("clerkmini_next", uint64(call)), tc.field)
			m.call("clerkmini_call_free", uint64(call))
		}
	})
}

func TestBadArgumentsAreValidationErrors(t *testing.T) {
	const key = "sk_test_secretSENTINEL"
	eachModule(t, func(t *testing.T, m *instance) {
		for _, tc := range []struct {
			opts  string
			field string
		}{
			{``, "options"}, {`[]`, "options"}, {`{"secret_key":`, "options"}, {`{}`, "secret_key"},
			{`{"secret_key":"pk_test_abc"}`, "secret_key"}, {`{"secret_key":"` + key + ` "}`, "secret_key"},
			{`{"secret_key":42}`, "secret_key"}, {`{"secretKey":"` + key + `"}`, "secretKey"},
			{`{"secret_key":"` + key + `","api_url":"http://example.com"}`, "api_url"},
			{`{"secret_key":"` + key + `","retries":11}`, "retries"}, {`{"secret_key":"` + key + `","retries":1.5}`, "retries"},
			{`{"secret_key":"` + key + `","timeout_ms":0}`, "timeout_ms"}, {`{"secret_key":"` + key + `","timeout_ms":"5"}`, "timeout_ms"},
			{`{"secret_key":"` + key + `","user_agent":"a\nb"}`, "user_agent"},
			{`{"secret_key":"` + key + `","jitter_seed":-1}`, "jitter_seed"},
			{`{"secret_key":"` + strings.Repeat("x", 17<<10) + `"}`, "options"},
		} {
			p, n := uint64(0), uint64(0)
			if tc.opts != "" {
				p, n = m.input([]byte(tc.opts))
			}
			h := m.i32("clerkmini_client_new", p, n)
			if h != 0 {
				t.Errorf("%s: accepted", tc.opts)
				continue
			}
			out := string(m.output())
			wantFail(t, m, tc.opts, actFail, tc.field)
			if strings.Contains(out, "SENTINEL") {
				t.Errorf("%s: the payload repeats the key: %s", tc.opts, out)
			}
		}
		c, fail := m.newClient(map[string]any{"secret_key": key})
		if c == 0 {
			t.Fatal(fail)
		}
		for _, tc := range []struct {
			op, params, field string
		}{
			{"create", `{}`, "user_id"}, {"create", `{"user_id":""}`, "user_id"}, {"create", `{"user_id":"a/b"}`, "user_id"},
			{"create", `{"user_id":"` + strings.Repeat("u", 129) + `"}`, "user_id"}, {"create", `{"user_id":7}`, "user_id"},
			{"create", `{"user_id":"u","expires_in_seconds":-1}`, "expires_in_seconds"},
			{"create", `{"user_id":"u","expires_in_seconds":1e400}`, "expires_in_seconds"},
			{"create", `{"user_id":"u","org_id":"o?x"}`, "org_id"}, {"create", `{"userId":"u"}`, "userId"},
			{"create", `"u"`, "params"}, {"revoke", `{}`, "sign_in_token_id"}, {"revoke", `{"sign_in_token_id":".."}`, "sign_in_token_id"},
			{"revoke", `{"id":"sit_1"}`, "id"}, {"revoke", `{"sign_in_token_id":null}`, "sign_in_token_id"},
		} {
			p, n := m.input([]byte(tc.params))
			if h := m.i32("clerkmini_"+tc.op, uint64(c), p, n); h != 0 {
				t.Errorf("%s %s: accepted", tc.op, tc.params)
				continue
			}
			wantFail(t, m, tc.op+" "+tc.params, actFail, tc.field)
		}
	})
}

// TestAnswersFedByTheHost drives calls with answers the host makes up: an HTTP-date
// Retry-After read against the host's clock, an oversized body, oversized headers,
// invalid UTF-8 and a key echoed back by a transport's message.
func TestAnswersFedByTheHost(t *testing.T) {
	const key = "sk_test_fedSENTINEL"
	const tooMany = "{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Too many \xff\",\"meta\":{\"x\":\"\xff\"}}]}"
	eachModule(t, func(t *testing.T, m *instance) {
		c, _ := m.newClient(map[string]any{"secret_key": key, "jitter_seed": 1})
		start := func(op string) int32 {
			params := map[string]any{"user_id": "user_a"}
			if op == "revoke" {
				params = map[string]any{"sign_in_token_id": "sit_1"}
			}
			call, fail := m.start(op, c, params)
			if call == 0 || m.i32("clerkmini_next", uint64(call)) != actSend {
				t.Fatalf("%s: %v", op, fail)
			}
			return call
		}
		// Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s; the host's clock is 5 s before.
		call := start("create")
		act := m.respond(call, 429, 784111772000, "Retry-After: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: application/json", []byte(tooMany))
		if v := m.payload(); act != actWait || v["wait_ms"] != 5000.0 {
			t.Errorf("HTTP-date Retry-After: action %d, %v", act, v)
		}
		// The same date long past: the backoff instead.
		m.i32("clerkmini_next", uint64(call))
		act = m.respond(call, 429, 1e12, "Retry-After: Sun, 06 Nov 1994 08:49:37 GMT", []byte(tooMany))
		if v := m.payload(); act != actWait || v["wait_ms"].(float64) < 375 || v["wait_ms"].(float64) > 750 {
			t.Errorf("past Retry-After: action %d, %v", act, v)
		}
		m.i32("clerkmini_next", uint64(call))
		act = m.respond(call, 429, 1e12, "Retry-After: 120", []byte(tooMany))
		if v := m.payload(); act != actFail || v["retry_after"] != 120.0 || v["attempts"] != 3.0 {
			t.Errorf("third 429: action %d, %v", act, v)
		}

		call = start("create")
		big := make([]byte, m.call("clerkmini_max_response_bytes")+1)
		if act := m.respond(call, 200, 1e12, "", big); act != actFail || m.payload()["kind"] != "sdk" ||
			!strings.Contains(m.payload()["reason"].(string), "larger than 1 MiB") {
			t.Errorf("oversized body: action %d, %v", act, m.payload())
		}
		call = start("revoke")
		if act := m.respond(call, 200, 1e12, strings.Repeat("x: y\n", 64<<10/5+1), nil); act != actWait {
			t.Errorf("oversized headers: action %d, %v", act, m.payload())
		}
		m.i32("clerkmini_next", uint64(call))
		if act := m.transportError(call, 4, "aborted"); act != actFail || m.payload()["attempts"] != 2.0 ||
			m.payload()["may_have_reached_clerk"] != true || !strings.Contains(m.payload()["message"].(string), "canceled") {
			t.Errorf("abort during a SEND: action %d, %s", act, m.output())
		}
		// A message that quotes the request, key included, is blanked.
		call = start("create")
		act = m.transportError(call, 2, "POST failed: Authorization: Bearer "+key+" \xff")
		if v := m.payload(); act != actFail || v["kind"] != "transport" || strings.Contains(string(m.output()), "SENTINEL") ||
			!strings.Contains(v["message"].(string), "Bearer [secret key] \uFFFD") {
			t.Errorf("lost create: action %d, %s", act, m.output())
		}

		// An abort during a WAIT ends the call with the failed attempt it waited on.
		call = start("revoke")
		m.respond(call, 503, 1e12, "", []byte("<html>"))
		if act := m.transportError(call, 4, ""); act != actFail || m.payload()["attempts"] != 1.0 ||
			!strings.Contains(m.payload()["message"].(string), "gave up waiting to retry") {
			t.Errorf("abort during a wait: action %d, %v", act, m.payload())
		}
		// Answers after the end change nothing.
		if act := m.respond(call, 200, 1e12, "", nil); act != actFail {
			t.Errorf("answer after the end: action %d", act)
		}
	})
}

// TestRandomCallsNeverTrap calls every export with random arguments, valid handles and
// buffers among them: every call must return (a trap fails the test in m.call).
func TestRandomCallsNeverTrap(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		r := rand.New(rand.NewPCG(3, 4))
		c, _ := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
		handles := []uint64{0, 1, 2, 3, uint64(c), 1 << 31, 1<<32 - 1}
		var held []uint64 // buffers handed out, passed to an export or not
		arg := func() uint64 {
			switch r.IntN(4) {
			case 0:
				return handles[r.IntN(len(handles))]
			case 1:
				return r.Uint64N(1 << 32)
			case 2: // a buffer of junk, within what alloc handed out (a host writing past it corrupts any module)
				junk := make([]byte, r.IntN(64))
				for i := range junk {
					junk[i] = byte(r.IntN(256))
				}
				p := m.call("clerkmini_alloc", uint64(len(junk)))
				if p != 0 {
					m.mem.Write(uint32(p), junk)
					held = append(held, p)
				}
				return p
			}
			return uint64(r.IntN(70))
		}
		for i := 0; i < 5000; i++ {
			switch r.IntN(7) {
			case 0:
				m.call("clerkmini_next", arg())
			case 1:
				m.call("clerkmini_response", arg(), arg(), math.Float64bits(r.Float64()*2e12-1e11), arg(), arg(), arg(), arg())
			case 2:
				m.call("clerkmini_transport_error", arg(), arg(), arg(), arg())
			case 3:
				if h := m.i32("clerkmini_create", arg(), arg(), arg()); h != 0 {
					handles = append(handles, uint64(h))
				}
				if h := m.createRaw(uint64(c), `{"user_id":"user_a"}`); h != 0 {
					handles = append(handles, uint64(h))
				}
			case 4:
				m.call("clerkmini_revoke", arg(), arg(), arg())
			case 5:
				m.call("clerkmini_client_new", arg(), arg())
			case 6:
				m.call("clerkmini_call_free", arg())
			}
			if r.IntN(100) == 0 {
				m.output()
			}
			if len(held) > 40 { // release those no call took (a call with no handle still takes its input)
				for _, p := range held {
					m.call("clerkmini_transport_error", 0, 1, p, 0)
				}
				held = held[:0]
			}
		}
	})
}

// TestLiveHandlesAreBounded: 4096 live clients and 4096 live calls at most, so a host
// that never frees cannot grow the module without end; freeing makes room again.
func TestLiveHandlesAreBounded(t *testing.T) {
	const maxLive = 4096
	eachModule(t, func(t *testing.T, m *instance) {
		var clients []int32
		for i := 0; i < maxLive; i++ {
			c, fail := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
			if c == 0 {
				t.Fatalf("client %d: %v", i, fail)
			}
			clients = append(clients, c)
		}
		c, _ := m.newClient(map[string]any{"secret_key": "sk_test_abc"})
		wantNoHandle(t, m, "client past the bound", c, "client")
		wantLive(t, m, maxLive)
		m.call("clerkmini_client_free", uint64(clients[0]))
		m.call("clerkmini_client_free", uint64(clients[0])) // again: a no-op
		wantLive(t, m, maxLive-1)
		if c, fail := m.newClient(map[string]any{"secret_key": "sk_test_abc"}); c == 0 {
			t.Fatalf("after a free: %v", fail)
		}
		wantLive(t, m, maxLive)
		for i := 0; i < maxLive; i++ {
			if call := m.createRaw(uint64(clients[1]), `{"user_id":"user_a"}`); call == 0 {
				t.Fatalf("call %d: %s", i, m.output())
			}
		}
		wantNoHandle(t, m, "call past the bound", m.createRaw(uint64(clients[1]), `{"user_id":"user_a"}`), "call")
		t.Logf("memory with %d clients and %d calls live: %d pages", maxLive, maxLive, m.pages())
	})
}

// wantLive checks clerkmini_live_clients, the count a host's tests read to see that it
// frees its clients.
func wantLive(t *testing.T, m *instance, want int32) {
	t.Helper()
	if got := m.i32("clerkmini_live_clients"); got != want {
		t.Errorf("clerkmini_live_clients() = %d, want %d", got, want)
	}
}
