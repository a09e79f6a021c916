package hosttest

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// cpuTime is the process's user and system CPU time so far, in nanoseconds.
func cpuTime() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

// BenchmarkCreateRevoke is the module's own cost per create + revoke pair: each call made,
// its SEND read, a canned answer fed, the token read, the call freed. A report (go test
// -bench . -run ^$), never a timed assertion.
func BenchmarkCreateRevoke(b *testing.B) {
	const created = `{"object":"sign_in_token","id":"sit_2x","status":"pending","user_id":"user_alice","token":"eyJ.a.b","url":"https://accounts.example/v1/tickets/accept?ticket=eyJ.a.b","created_at":1700000000000,"updated_at":1700000000000}`
	revoked := strings.Replace(created, "pending", "revoked", 1)
	headers := "Content-Type: application/json\nClerk-Trace-Id: 2efb"
	for _, path := range strings.Split(*modules, ",") {
		b.Run(filepath.Base(path), func(b *testing.B) {
			m := load(b, path)
			c, fail := m.newClient(map[string]any{"secret_key": "sk_test_bench", "jitter_seed": 1})
			if c == 0 {
				b.Fatal(fail)
			}
			create, revoke := []byte(`{"user_id":"user_alice"}`), []byte(`{"sign_in_token_id":"sit_2x"}`)
			step := func(op string, params []byte, answer string) {
				p, n := m.input(params)
				call := m.call("clerkmini_"+op, uint64(c), p, n)
				if m.i32("clerkmini_next", call) != actSend {
					b.Fatal(string(m.output()))
				}
				m.output()
				if m.respond(int32(call), 200, 1.7e12, headers, []byte(answer)) != actDone {
					b.Fatal(string(m.output()))
				}
				m.output()
				m.call("clerkmini_call_free", call)
			}
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				step("create", create, created)
				step("revoke", revoke, revoked)
			}
			// CPU time as well as wall time: on a shared machine the latter counts waiting.
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(m.pages())/16, "MiB-memory")
		})
	}
}
