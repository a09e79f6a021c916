package hosttest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

var modules = flag.String("modules", "../../../web/clerkmini.wasm,../../../web/clerkmini.go.wasm",
	"comma-separated WebAssembly modules to run (make wasm builds both)")

// The actions clerkmini_next and the reporting exports return.
const (
	actSend = 1 + iota
	actWait
	actDone
	actFail
)

// eachModule runs f once per module, each on a fresh instance.
func eachModule(t *testing.T, f func(t *testing.T, m *instance)) {
	for _, path := range strings.Split(*modules, ",") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f(t, load(t, path))
		})
	}
}

var compiled = map[string]compiledModule{}

type compiledModule struct {
	rt  wazero.Runtime
	mod wazero.CompiledModule
}

// compile compiles a module once per test binary: the Go module takes seconds.
func compile(t testing.TB, path string) compiledModule {
	if c, ok := compiled[path]; ok {
		return c
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (make wasm builds the modules)", err)
	}
	ctx := context.Background()
	rt := wazero.NewRuntime(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, rt) // the Go module's imports; TinyGo's has none
	mod, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		t.Fatal(err)
	}
	c := compiledModule{rt, mod}
	compiled[path] = c
	return c
}

// instance is one instance of a module, with the host's side of the ABI.
type instance struct {
	t   testing.TB
	mod api.Module
	mem api.Memory
	fns map[string]api.Function // wazero makes a call stack per Function: reuse them
}

func load(t testing.TB, path string) *instance {
	c := compile(t, path)
	cfg := wazero.NewModuleConfig().WithName("").WithStartFunctions("_initialize").
		WithSysWalltime().WithSysNanotime().WithRandSource(rand.Reader)
	mod, err := c.rt.InstantiateModule(context.Background(), c.mod, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mod.Close(context.Background()) })
	return &instance{t: t, mod: mod, mem: mod.Memory(), fns: map[string]api.Function{}}
}

// call calls an export; a trap fails the test: nothing a host passes may trap.
func (m *instance) call(name string, args ...uint64) uint64 {
	m.t.Helper()
	f := m.fns[name]
	if f == nil {
		if f = m.mod.ExportedFunction(name); f == nil {
			m.t.Fatalf("no export %s", name)
		}
		m.fns[name] = f
	}
	res, err := f.Call(context.Background(), args...)
	if err != nil {
		m.t.Fatalf("%s%v trapped: %v", name, args, err)
	}
	if len(res) == 0 {
		return 0
	}
	return res[0]
}

func (m *instance) i32(name string, args ...uint64) int32 {
	return int32(uint32(m.call(name, args...)))
}

// input copies b into a buffer from clerkmini_alloc and returns (ptr, len).
func (m *instance) input(b []byte) (uint64, uint64) {
	m.t.Helper()
	p := uint32(m.call("clerkmini_alloc", uint64(len(b))))
	if p == 0 {
		m.t.Fatalf("clerkmini_alloc(%d) refused", len(b))
	}
	if !m.mem.Write(p, b) {
		m.t.Fatalf("buffer at %d of %d bytes is outside memory", p, len(b))
	}
	return uint64(p), uint64(len(b))
}

// output returns a copy of the last payload.
func (m *instance) output() []byte {
	m.t.Helper()
	p, n := uint32(m.call("clerkmini_output_ptr")), uint32(m.call("clerkmini_output_len"))
	b, ok := m.mem.Read(p, n)
	if !ok {
		m.t.Fatalf("output at %d of %d bytes is outside memory", p, n)
	}
	return append([]byte(nil), b...)
}

// payload decodes the last payload as JSON: every payload must be valid JSON.
func (m *instance) payload() map[string]any {
	m.t.Helper()
	var v map[string]any
	if err := json.Unmarshal(m.output(), &v); err != nil {
		m.t.Fatalf("payload %q: %v", m.output(), err)
	}
	return v
}

func (m *instance) newClient(opts map[string]any) (int32, map[string]any) {
	m.t.Helper()
	b, _ := json.Marshal(opts)
	h := m.i32("clerkmini_client_new", pair(m.input(b))...)
	if h == 0 {
		return 0, m.payload()
	}
	return h, nil
}

// start begins a create or revoke; a zero handle comes with the FAIL payload.
func (m *instance) start(op string, client int32, params map[string]any) (int32, map[string]any) {
	m.t.Helper()
	b, _ := json.Marshal(params)
	p, n := m.input(b)
	h := m.i32("clerkmini_"+op, uint64(uint32(client)), p, n)
	if h == 0 {
		return 0, m.payload()
	}
	return h, nil
}

// respond reports an answer to a SEND.
func (m *instance) respond(call int32, status int, nowMs float64, headers string, body []byte) int32 {
	m.t.Helper()
	hp, hn := m.input([]byte(headers))
	bp, bn := m.input(body)
	return m.i32("clerkmini_response", uint64(uint32(call)), uint64(status), math.Float64bits(nowMs), hp, hn, bp, bn)
}

// transportError reports a SEND that got no answer.
func (m *instance) transportError(call int32, kind int, msg string) int32 {
	m.t.Helper()
	p, n := m.input([]byte(msg))
	return m.i32("clerkmini_transport_error", uint64(uint32(call)), uint64(kind), p, n)
}

func (m *instance) pages() uint32 { return m.mem.Size() / 65536 }

func pair(p, n uint64) []uint64 { return []uint64{p, n} }

// createRaw calls clerkmini_create with any client handle and parameters.
func (m *instance) createRaw(client uint64, params string) int32 {
	p, n := m.input([]byte(params))
	return m.i32("clerkmini_create", client, p, n)
}
