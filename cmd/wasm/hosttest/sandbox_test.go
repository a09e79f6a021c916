package hosttest

import (
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// sandbox serves a fresh sandbox on 127.0.0.1 and returns it with a client of m on it.
func sandbox(t *testing.T, m *instance, opts map[string]any) (*clerktest.Sandbox, int32, sender) {
	sb := clerktest.New()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	o := map[string]any{"secret_key": sb.SecretKey(), "api_url": srv.URL, "jitter_seed": 7}
	for k, v := range opts {
		o[k] = v
	}
	c, fail := m.newClient(o)
	if c == 0 {
		t.Fatalf("client_new: %v", fail)
	}
	return sb, c, httpSender(int64(m.call("clerkmini_max_response_bytes")))
}

func TestCreateAndRevokeOverHTTP(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		sb, c, send := sandbox(t, m, map[string]any{"user_agent": "hosttest/1"})
		call, fail := m.start("create", c, map[string]any{"user_id": "user_alice", "expires_in_seconds": 600})
		if call == 0 {
			t.Fatalf("create: %v", fail)
		}
		r := m.drive(call, send)
		tok := r.v
		if r.action != actDone || tok["object"] != "sign_in_token" || tok["status"] != "pending" || tok["user_id"] != "user_alice" ||
			!strings.HasPrefix(tok["id"].(string), "sit_") || tok["token"] == nil || !strings.Contains(tok["url"].(string), "__clerk_ticket=") {
			t.Fatalf("create: action %d, %v", r.action, tok)
		}
		if st, ok := sb.Token(tok["id"].(string)); !ok || st.Status != "pending" || r.sent != 1 {
			t.Fatalf("sandbox has %+v after %d requests", st, r.sent)
		}

		call, _ = m.start("revoke", c, map[string]any{"sign_in_token_id": tok["id"]})
		r = m.drive(call, send)
		if r.action != actDone || r.v["status"] != "revoked" || r.v["id"] != tok["id"] {
			t.Fatalf("revoke: action %d, %v", r.action, r.v)
		}
		if st, _ := sb.Token(tok["id"].(string)); st.Status != "revoked" {
			t.Fatalf("sandbox has the token %s", st.Status)
		}

		// Revoked twice: Clerk's 400, with everything it said.
		call, _ = m.start("revoke", c, map[string]any{"sign_in_token_id": tok["id"]})
		r = m.drive(call, send)
		errs, _ := r.v["errors"].([]any)
		if r.action != actFail || r.v["kind"] != "clerk" || r.v["status"] != 400.0 || len(errs) != 1 ||
			errs[0].(map[string]any)["code"] != "sign_in_token_cannot_be_revoked_code" || r.v["attempts"] != 1.0 {
			t.Fatalf("second revoke: action %d, %v", r.action, r.v)
		}
	})
}

func TestSendCarriesTheRequest(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		_, c, _ := sandbox(t, m, map[string]any{"user_agent": "hosttest/1", "timeout_ms": 1234})
		call, _ := m.start("create", c, map[string]any{"user_id": "user_alice", "org_id": "org_1"})
		var got sendPayload
		m.drive(call, func(p sendPayload) outcome { got = p; return outcome{kind: 4} })
		if got.Method != "POST" || !strings.HasSuffix(got.URL, "/v1/sign_in_tokens") || got.TimeoutMS != 1234 ||
			got.Body == nil || *got.Body != `{"user_id":"user_alice","org_id":"org_1"}` ||
			!strings.HasPrefix(got.Headers["Authorization"], "Bearer sk_") || got.Headers["Content-Type"] != "application/json" ||
			!strings.HasPrefix(got.Headers["User-Agent"], "hosttest/1 clerkmini-wasm/") || got.Headers["Clerk-API-Version"] == "" {
			t.Fatalf("SEND %+v", got)
		}
		call, _ = m.start("revoke", c, map[string]any{"sign_in_token_id": "sit_a/../b"})
		if call != 0 {
			t.Fatal("an id with a dot segment was accepted")
		}
		call, _ = m.start("revoke", c, map[string]any{"sign_in_token_id": "sit_ä"})
		m.drive(call, func(p sendPayload) outcome { got = p; return outcome{kind: 4} })
		if !strings.HasSuffix(got.URL, "/sign_in_tokens/sit_%C3%A4/revoke") || got.Body != nil {
			t.Fatalf("revoke SEND %+v", got)
		}
	})
}

func TestClerkErrorsOverHTTP(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		sb, c, send := sandbox(t, m, nil)
		call, _ := m.start("create", c, map[string]any{"user_id": "user_nobody"})
		r := m.drive(call, send)
		errs, _ := r.v["errors"].([]any)
		if r.action != actFail || r.v["kind"] != "clerk" || r.v["status"] != 404.0 || len(errs) == 0 ||
			errs[0].(map[string]any)["code"] != "resource_not_found" || r.v["clerk_trace_id"] == nil {
			t.Fatalf("404: %v", r.v)
		}

		// A 429 with a Retry-After the client waits out, then success.
		sb.Inject(clerktest.Fault{Op: "create", Status: 429, RetryAfter: 3 * time.Second})
		call, _ = m.start("create", c, map[string]any{"user_id": "user_alice"})
		r = m.drive(call, send)
		if r.action != actDone || len(r.waits) != 1 || r.waits[0] != 3000 || r.sent != 2 || sb.Tokens("") != 1 {
			t.Fatalf("429 then success: action %d waits %v sent %d tokens %d: %v", r.action, r.waits, r.sent, sb.Tokens(""), r.v)
		}

		// One too long to wait out comes back with retry_after in seconds.
		sb.Inject(clerktest.Fault{Status: 429, RetryAfter: 31 * time.Second})
		call, _ = m.start("create", c, map[string]any{"user_id": "user_alice"})
		r = m.drive(call, send)
		if r.action != actFail || r.v["status"] != 429.0 || r.v["retry_after"] != 31.0 || len(r.waits) != 0 {
			t.Fatalf("long 429: %v after waits %v", r.v, r.waits)
		}

		// HTML from a proxy: an sdk error that keeps the status.
		sb.Inject(clerktest.Fault{Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"})
		call, _ = m.start("create", c, map[string]any{"user_id": "user_alice"})
		r = m.drive(call, send)
		if r.action != actFail || r.v["kind"] != "sdk" || r.v["status"] != 502.0 || r.sent != 1 {
			t.Fatalf("502: %v after %d sends", r.v, r.sent)
		}

		// A revoke is retried after 5xx answers, with growing jittered waits.
		tok := sb.Tokens("")
		call, _ = m.start("create", c, map[string]any{"user_id": "user_bob"})
		id := m.drive(call, send).v["id"]
		sb.Inject(clerktest.Fault{Op: "revoke", Status: 503, Times: 2})
		call, _ = m.start("revoke", c, map[string]any{"sign_in_token_id": id})
		r = m.drive(call, send)
		if r.action != actDone || r.sent != 3 || len(r.waits) != 2 || r.waits[0] < 250 || r.waits[0] > 500 || r.waits[1] < 375 || r.waits[1] > 750 {
			t.Fatalf("revoke after 503s: %v, waits %v, %d sends", r.v, r.waits, r.sent)
		}
		if sb.Tokens("") != tok+1 {
			t.Errorf("%d tokens", sb.Tokens(""))
		}
	})
}

func TestTransportErrorsOverHTTP(t *testing.T) {
	eachModule(t, func(t *testing.T, m *instance) {
		// Nothing listens: refused connections are "not sent", so even a create is retried.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		c, fail := m.newClient(map[string]any{"secret_key": "sk_test_hosttestSENTINEL", "api_url": "http://" + addr})
		if c == 0 {
			t.Fatal(fail)
		}
		call, _ := m.start("create", c, map[string]any{"user_id": "user_alice"})
		r := m.drive(call, httpSender(1<<20))
		if r.action != actFail || r.v["kind"] != "transport" || r.v["attempts"] != 3.0 || r.v["may_have_reached_clerk"] != false || r.sent != 3 {
			t.Fatalf("refused: %v after %d sends", r.v, r.sent)
		}

		// A dropped connection may have reached Clerk: a create is not retried.
		sb, c, send := sandbox(t, m, map[string]any{"timeout_ms": 200})
		sb.Inject(clerktest.Fault{Drop: true, AfterProcessing: true})
		call, _ = m.start("create", c, map[string]any{"user_id": "user_alice"})
		r = m.drive(call, send)
		if r.action != actFail || r.v["kind"] != "transport" || r.v["may_have_reached_clerk"] != true || r.sent != 1 ||
			!strings.Contains(r.v["message"].(string), "a token may have been created") {
			t.Fatalf("dropped: %v after %d sends", r.v, r.sent)
		}

		// An attempt that outlives timeout_ms: the host reports kind 3.
		sb.Inject(clerktest.Fault{Latency: 2 * time.Second})
		call, _ = m.start("create", c, map[string]any{"user_id": "user_alice"})
		r = m.drive(call, send)
		if r.action != actFail || !strings.Contains(r.v["message"].(string), "timed out") || r.sent != 1 {
			t.Fatalf("timeout: %v after %d sends", r.v, r.sent)
		}
	})
}
