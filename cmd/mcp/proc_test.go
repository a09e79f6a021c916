package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

// binary is the server built once for the tests that drive it as a process.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "clerkmini-mcp-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "clerkmini-mcp")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the server: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sandboxHTTP serves a sandbox on 127.0.0.1 and returns it with the environment that
// points the binary at it.
func sandboxHTTP(t *testing.T, opts ...clerktest.Option) (*clerktest.Sandbox, []string) {
	sb := clerktest.New(opts...)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, []string{"CLERK_API_URL=" + srv.URL, "CLERK_SECRET_KEY=" + sb.SecretKey()}
}

// proc is the binary running, spoken to in raw JSON-RPC lines.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan []byte // stdout, line by line, read as it comes so the server never blocks
	stderr *syncBuffer
	raw    *syncBuffer // everything the server wrote to stdout
	done   chan error
}

// start runs the binary with only PATH and env in its environment.
func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	return startWithStderr(t, nil, env, args...)
}

// startWithStderr runs the binary with stderr going to f (nil: to p.stderr).
func startWithStderr(t *testing.T, f *os.File, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	p := &proc{t: t, cmd: cmd, stderr: &syncBuffer{}, raw: &syncBuffer{}, done: make(chan error, 1), lines: make(chan []byte, 4096)}
	cmd.Stderr = p.stderr
	if f != nil {
		cmd.Stderr = f
	}
	// Through an io.Pipe, Wait returns only once all of stdout has been copied: no answer
	// written just before exit can be lost.
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.lines)
		r := bufio.NewReaderSize(io.TeeReader(pr, p.raw), 1<<20)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				p.lines <- line
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		err := cmd.Wait()
		pw.Close()
		p.done <- err
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	return p
}

func (p *proc) sendRaw(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		p.t.Fatalf("writing to the server: %v", err)
	}
}

func (p *proc) send(msg any) {
	p.t.Helper()
	b, err := json.Marshal(msg)
	if err != nil {
		p.t.Fatal(err)
	}
	p.sendRaw(string(b))
}

// request sends a JSON-RPC request.
func (p *proc) request(id any, method string, params any) {
	p.t.Helper()
	p.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
}

func (p *proc) callTool(id any, tool string, args any) {
	p.t.Helper()
	p.request(id, "tools/call", map[string]any{"name": tool, "arguments": args})
}

// rpc is any JSON-RPC message the server writes.
type rpc struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  *struct {
		IsError           bool            `json:"isError"`
		StructuredContent json.RawMessage `json:"structuredContent"`
		Content           []struct {
			Text string `json:"text"`
		} `json:"content"`
		ServerInfo struct {
			Version string `json:"version"`
		} `json:"serverInfo"`
	} `json:"result"`
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (r rpc) text() string {
	if r.Result == nil || len(r.Result.Content) == 0 {
		return ""
	}
	return r.Result.Content[0].Text
}

// read returns the next message, failing on a line that is not one.
func (p *proc) read() rpc {
	p.t.Helper()
	var line []byte
	select {
	case l, ok := <-p.lines:
		if !ok {
			p.t.Fatalf("the server closed stdout (stderr: %s)", p.stderr.String())
		}
		line = l
	case <-time.After(time.Minute): // a hang guard, not a timing check
		p.t.Fatalf("no answer within a minute (stderr: %s)", p.stderr.String())
	}
	var m rpc
	if err := json.Unmarshal(line, &m); err != nil || m.JSONRPC != "2.0" {
		p.t.Fatalf("stdout line is not a JSON-RPC message: %q", line)
	}
	return m
}

// initialize performs the handshake and returns serverInfo.version.
func (p *proc) initialize() string {
	p.t.Helper()
	return p.initializeWith(map[string]any{})
}

// initializeWith performs the handshake declaring the client capabilities caps.
func (p *proc) initializeWith(caps map[string]any) string {
	p.t.Helper()
	p.request(0, "initialize", map[string]any{"protocolVersion": "2025-11-25", "capabilities": caps,
		"clientInfo": map[string]any{"name": "test", "version": "1"}})
	m := p.read()
	if m.Result == nil || string(m.ID) != "0" {
		p.t.Fatalf("initialize: %+v", m)
	}
	p.send(map[string]any{"jsonrpc": "2.0", "method": "notifications/initialized"})
	return m.Result.ServerInfo.Version
}

// exit closes stdin and returns the exit code once the process ends.
func (p *proc) exit() int {
	p.t.Helper()
	p.stdin.Close()
	return p.wait()
}

func (p *proc) wait() int {
	p.t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for the cleanup
		for range p.lines {
		} // stdout is complete once the reader has seen its end
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			p.t.Fatal(err)
		}
		return 0
	case <-time.After(time.Minute):
		p.t.Fatalf("the server did not exit within a minute; stderr: %s", p.stderr.String())
		return -1
	}
}

// waitFor polls cond until it holds (a hang guard of a minute, not a timing check).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// auditOf returns the audit records among stderr's lines.
func auditOf(t *testing.T, stderr string) []auditRecord {
	var out []auditRecord
	for _, l := range strings.Split(stderr, "\n") {
		if !strings.Contains(l, `"audit":"clerkmini-mcp"`) {
			continue
		}
		var r auditRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("audit line %q: %v", l, err)
		}
		out = append(out, r)
	}
	return out
}
