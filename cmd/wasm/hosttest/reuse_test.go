package hosttest

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
)

// clerkmini_alloc hands out again the buffers earlier exports took, so an export must copy
// whatever it keeps of an input. These tests keep a host's side of that bargain and check
// the module's: inputs are overwritten with poison as soon as the ABI lets a host reuse
// them, and every later step still says what the original inputs said.

const poisonByte = 0xA5

// spareBound is more buffers than the module keeps spare (4, in mem.go): taking this many
// of one size hands out every spare buffer that could have held an input of that size.
const spareBound = 8

// buffer is an input as the host wrote it: where, and how long.
type buffer struct {
	what string
	p, n uint64
}

// put writes b into a fresh buffer from clerkmini_alloc.
func (m *instance) put(what string, b []byte) buffer {
	m.t.Helper()
	p, n := m.input(b)
	return buffer{what, p, n}
}

// poison overwrites the buffers that held inputs bs, which exports have taken: for each,
// it allocates spareBound buffers of the same size and fills them with poison, then passes
// each to clerkmini_client_new, which refuses it (not JSON) and so releases it. It fails
// the test unless the buffer at each input's address was among those handed out: a test
// that poisoned nothing would prove nothing. It returns the addresses it poisoned.
func (m *instance) poison(bs ...buffer) (poisoned []uint64) {
	m.t.Helper()
	for _, b := range bs {
		fill := bytes.Repeat([]byte{poisonByte}, int(b.n))
		hit := false
		var held []uint64
		for range spareBound {
			p := m.call("clerkmini_alloc", b.n)
			if p == 0 || !m.mem.Write(uint32(p), fill) {
				m.t.Fatalf("poisoning %s: clerkmini_alloc(%d) gave %d", b.what, b.n, p)
			}
			hit = hit || p == b.p
			held = append(held, p)
		}
		if !hit {
			m.t.Fatalf("poisoning %s: no buffer from clerkmini_alloc(%d) was the one at %d: the module did not reuse it", b.what, b.n, b.p)
		}
		for _, p := range held {
			if m.i32("clerkmini_client_new", p, b.n) != 0 {
				m.t.Fatalf("poisoning %s: clerkmini_client_new took poison as options", b.what)
			}
		}
		poisoned = append(poisoned, held...)
	}
	return poisoned
}

// stepAgain asks for a call's current step again and checks that its action and payload
// are the ones seen before the poison.
func (m *instance) stepAgain(call int32, what string, act int32, payload []byte) {
	m.t.Helper()
	if got := m.i32("clerkmini_next", uint64(uint32(call))); got != act {
		m.t.Fatalf("%s: action %d after the poison, want %d", what, got, act)
	}
	if got := m.output(); !bytes.Equal(got, payload) {
		m.t.Errorf("%s: the payload changed after the poison (%d bytes, was %d)", what, len(got), len(payload))
	}
}

// emptySpare runs f with no spare buffer for clerkmini_alloc to hand out: the inputs f
// allocates are new ones, and the module has room to keep them spare once taken (it drops
// a buffer when it has enough), so that poison can reach them. It holds spareBound empty
// buffers (an empty input takes any spare) while f runs, then releases them.
func (m *instance) emptySpare(f func()) {
	m.t.Helper()
	var held []uint64
	for range spareBound {
		held = append(held, m.call("clerkmini_alloc", 0))
	}
	f()
	for _, p := range held {
		if m.i32("clerkmini_client_new", p, 0) != 0 {
			m.t.Fatal("clerkmini_client_new took an empty input as options")
		}
	}
}

// respondWith passes an answer to clerkmini_response in new buffers; it returns the next
// action, its payload, and the buffers.
func (m *instance) respondWith(call int32, status int, headers, body string) (act int32, payload []byte, h, b buffer) {
	m.t.Helper()
	m.emptySpare(func() {
		h = m.put("the answer's headers", []byte(headers))
		b = m.put("the answer's body", []byte(body))
		act = m.i32("clerkmini_response", uint64(uint32(call)), uint64(status), math.Float64bits(1.7e12), h.p, h.n, b.p, b.n)
		payload = m.output()
	})
	return act, payload, h, b
}

func TestInputsPoisonedAfterUseChangeNothing(t *testing.T) {
	// Lower case, as strings.ToLower returns its argument as is: the client's Redactor then
	// holds the very string the options were read into.
	const key = "sk_test_reuse_poison_0123456789"
	const apiURL = "http://127.0.0.1:9"
	const token = `{"object":"sign_in_token","id":"sit_poison","status":"pending","user_id":"user_alice","token":"eyJ.poison.check","url":"https://accounts.example/v1/tickets/accept?ticket=eyJ.poison.check","created_at":1700000000000,"updated_at":1700000000000}`
	eachModule(t, func(t *testing.T, m *instance) {
		opts := m.put("the client's options", []byte(`{"secret_key":"`+key+`","api_url":"`+apiURL+`","user_agent":"poison/1","jitter_seed":7}`))
		c := m.i32("clerkmini_client_new", opts.p, opts.n)
		if c == 0 {
			t.Fatalf("client: %s", m.output())
		}
		m.poison(opts)

		// wantSend checks the SEND in the output against the request the inputs asked for.
		wantSend := func(what, url, body string) []byte {
			t.Helper()
			payload := m.output()
			var p sendPayload
			if err := json.Unmarshal(payload, &p); err != nil {
				t.Fatalf("%s: SEND payload: %v", what, err)
			}
			// The key is a test's, but a failure still names the header rather than print it.
			if p.Headers["Authorization"] != "Bearer "+key {
				t.Errorf("%s: the Authorization header is not the client's key (%d bytes)", what, len(p.Headers["Authorization"]))
			}
			if !strings.HasPrefix(p.Headers["User-Agent"], "poison/1 clerkmini-wasm/") {
				t.Errorf("%s: User-Agent %q", what, p.Headers["User-Agent"])
			}
			got := ""
			if p.Body != nil {
				got = *p.Body
			}
			if p.URL != url || got != body || (p.Body == nil) != (body == "") {
				t.Errorf("%s: URL %q body %q, want %q %q", what, p.URL, got, url, body)
			}
			return payload
		}

		// A create: its parameters poisoned before its first SEND, which must still say
		// what they said, and so must the retry's SEND after a 429 (its answer poisoned too).
		args := m.put("the create's parameters", []byte(`{"user_id":"user_alice","expires_in_seconds":600,"org_id":"org_1"}`))
		call := m.i32("clerkmini_create", uint64(uint32(c)), args.p, args.n)
		if call == 0 {
			t.Fatalf("create: %s", m.output())
		}
		m.poison(args)
		if m.i32("clerkmini_next", uint64(uint32(call))) != actSend {
			t.Fatalf("create: %s", m.output())
		}
		createURL, createBody := apiURL+"/v1/sign_in_tokens", `{"user_id":"user_alice","org_id":"org_1","expires_in_seconds":600}`
		send := wantSend("the create's SEND", createURL, createBody)
		act, out, h, b := m.respondWith(call, 429, "Retry-After: 1\nContent-Type: application/json",
			`{"errors":[{"code":"too_many_requests","message":"slow down"}]}`)
		if act != actWait {
			t.Fatalf("429: action %d, %s", act, out)
		}
		m.poison(h, b)
		m.stepAgain(call, "the create's retried SEND", actSend, send)
		act, out, h, b = m.respondWith(call, 200, "Content-Type: application/json\nClerk-Trace-Id: t1", token)
		if act != actDone || !bytes.Equal(out, []byte(token)) {
			t.Fatalf("create: action %d, a DONE payload of %d bytes, want the token as sent", act, len(out))
		}
		m.poison(h, b)
		m.stepAgain(call, "the create's DONE", actDone, out)
		m.call("clerkmini_call_free", uint64(uint32(call)))

		// A revoke: retried after a 503, then Clerk's error, its trace id from a header, its
		// message echoing the key, which the client blanks out.
		args = m.put("the revoke's parameters", []byte(`{"sign_in_token_id":"sit_poison"}`))
		call = m.i32("clerkmini_revoke", uint64(uint32(c)), args.p, args.n)
		m.poison(args)
		if m.i32("clerkmini_next", uint64(uint32(call))) != actSend {
			t.Fatalf("revoke: %s", m.output())
		}
		send = wantSend("the revoke's SEND", apiURL+"/v1/sign_in_tokens/sit_poison/revoke", "")
		if act, out, h, b = m.respondWith(call, 503, "Content-Type: text/html", "<html>503</html>"); act != actWait {
			t.Fatalf("503: action %d, %s", act, out)
		}
		m.poison(h, b)
		m.stepAgain(call, "the revoke's retried SEND", actSend, send)
		act, out, h, b = m.respondWith(call, 404, "Content-Type: application/json\nClerk-Trace-Id: trace_from_header",
			`{"errors":[{"code":"resource_not_found","message":"not found","long_message":"No sign-in token sit_poison for `+key+`","meta":{"param_name":"sign_in_token_id"}}]}`)
		if act != actFail || !bytes.Contains(out, []byte(`"clerk_trace_id":"trace_from_header"`)) || !bytes.Contains(out, []byte("No sign-in token sit_poison for [secret key]")) {
			t.Fatalf("404: action %d, a FAIL payload without the trace id or the message with the key blanked (%d bytes; the key in it: %v)",
				act, len(out), bytes.Contains(out, []byte(key)))
		}
		m.poison(h, b)
		m.stepAgain(call, "the revoke's FAIL", actFail, out)
		m.call("clerkmini_call_free", uint64(uint32(call)))

		// A create whose answer was lost: the host's message is in the FAIL.
		args = m.put("the create's parameters", []byte(`{"user_id":"user_bob"}`))
		call = m.i32("clerkmini_create", uint64(uint32(c)), args.p, args.n)
		m.i32("clerkmini_next", uint64(uint32(call)))
		var msg buffer
		m.emptySpare(func() {
			msg = m.put("the transport error's message", []byte("connection reset by peer 10.0.0.7"))
			act = m.i32("clerkmini_transport_error", uint64(uint32(call)), 2, msg.p, msg.n)
			out = m.output()
		})
		if act != actFail || !bytes.Contains(out, []byte("connection reset by peer 10.0.0.7")) {
			t.Fatalf("lost answer: action %d, %s", act, out)
		}
		m.poison(msg)
		m.stepAgain(call, "the lost create's FAIL", actFail, out)
		m.call("clerkmini_call_free", uint64(uint32(call)))
	})
}

// A host that writes fewer bytes than it asked for reads what the module handed out: zeros,
// as in a new buffer, never an earlier input (another client's options, key and all).
func TestReusedBuffersAreHandedOutZeroed(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		opts := m.put("the client's options", []byte(`{"secret_key":"sk_test_zeroed_0123456789"}`))
		if m.i32("clerkmini_client_new", opts.p, opts.n) == 0 {
			t.Fatalf("client: %s", m.output())
		}
		// The options' buffer again, written by nobody: an input of zeros, which is no JSON.
		p := m.call("clerkmini_alloc", opts.n)
		if p != opts.p {
			t.Fatalf("clerkmini_alloc(%d) gave %d, not the options' buffer at %d: nothing to check", opts.n, p, opts.p)
		}
		m.wantZeros("the options' buffer handed out again", p, opts.n)
		if m.i32("clerkmini_client_new", p, opts.n) != 0 {
			t.Error("a buffer the host never wrote made a client: the module read the earlier options, key and all")
		}
		// Poisoned buffers, released, are handed out as zeros, for an input as long or shorter.
		poisoned := m.poison(buffer{"the options' buffer", p, opts.n})
		for _, n := range []uint64{opts.n, opts.n / 2, 1} {
			q := m.call("clerkmini_alloc", n)
			if !slices.Contains(poisoned, q) {
				t.Fatalf("clerkmini_alloc(%d) gave %d, none of the poisoned buffers: nothing to check", n, q)
			}
			m.wantZeros("a poisoned buffer handed out again", q, n)
			m.i32("clerkmini_client_new", q, n) // released, and refused: zeros are no JSON
		}
	})
}

// wantZeros checks that the n bytes at p are zero.
func (m *instance) wantZeros(what string, p, n uint64) {
	m.t.Helper()
	b, ok := m.mem.Read(uint32(p), uint32(n))
	if !ok {
		m.t.Fatalf("%s: %d bytes at %d are outside memory", what, n, p)
	}
	if i := slices.IndexFunc(b, func(c byte) bool { return c != 0 }); i >= 0 {
		m.t.Errorf("%s: byte %d of %d is %#x, want every byte zero", what, i, n, b[i])
	}
}
