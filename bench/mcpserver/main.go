// Command mcpserver reports clerkmini-mcp's cold start and tool-call throughput on the
// embedded sandbox (make bench-mcp). It is a report, not a test: numbers depend on the
// machine and what else runs on it, so it prints medians and spreads and asserts nothing.
//
//	cd bench && go run ./mcpserver [-runs 30] [-calls 20000] ../bin/clerkmini-mcp
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 30, "cold starts to time")
	calls := flag.Int("calls", 20000, "tool calls on one session for the throughput run")
	window := flag.Int("window", 256, "calls in flight at once in the throughput run")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mcpserver [flags] path/to/clerkmini-mcp")
		os.Exit(2)
	}
	bin := flag.Arg(0)
	if err := report(bin, *runs, *calls, *window); err != nil {
		fmt.Fprintln(os.Stderr, "mcpserver:", err)
		os.Exit(1)
	}
}

func report(bin string, runs, calls, window int) error {
	fmt.Printf("clerkmini-mcp benchmark: %s, %d cold starts, %d calls on one session (window %d)\n\n", bin, runs, calls, window)
	var walls, rss []float64
	for i := 0; i < runs; i++ {
		wall, maxRSS, err := coldStart(bin)
		if err != nil {
			return err
		}
		walls, rss = append(walls, wall), append(rss, maxRSS)
	}
	fmt.Printf("cold start (spawn → initialize → tools/list → one create → stdin closed → exit 0):\n")
	fmt.Printf("  wall  median %6.1f ms   min %6.1f   max %6.1f   (target ≤ 30 ms)\n", median(walls), slices.Min(walls), slices.Max(walls))
	fmt.Printf("  RSS   median %6.1f MiB  min %6.1f   max %6.1f   (peak, from rusage; target ≤ 15 MiB)\n\n", median(rss), slices.Min(rss), slices.Max(rss))

	inits, err := initTrace(bin)
	if err != nil {
		return err
	}
	fmt.Printf("package init before main (GODEBUG=inittrace=1, one run), the largest:\n%s\n", inits)

	fmt.Printf("throughput: %d create_sign_in_token calls on one stdio session, three runs (target ≥ 5,000 calls/s):\n", calls)
	for i := 0; i < 3; i++ {
		rate, cpu, err := throughput(bin, calls, window)
		if err != nil {
			return err
		}
		fmt.Printf("  %6.0f calls/s   server CPU %5.1f µs per call (user+sys, steadier than wall time on a busy machine)\n", rate, cpu)
	}
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("\nload average during the run (2 cores here): %s", load)
	}
	return nil
}

// session is the binary on the sandbox, spoken to in JSON-RPC lines.
type session struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startSession(bin string) (*session, error) {
	cmd := exec.Command(bin, "--sandbox", "--log-level", "error")
	cmd.Stderr = io.Discard
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &session{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20)}, nil
}

func (s *session) send(lines ...string) error {
	_, err := io.WriteString(s.in, strings.Join(lines, "\n")+"\n")
	return err
}

// expect reads one answer and checks it is a success for id.
func (s *session) expect(id int) error {
	line, err := s.out.ReadBytes('\n')
	if err != nil {
		return err
	}
	var m struct {
		ID     int `json:"id"`
		Result *struct {
			IsError bool `json:"isError"`
		} `json:"result"`
	}
	if err := json.Unmarshal(line, &m); err != nil || m.Result == nil || m.Result.IsError || (id >= 0 && m.ID != id) {
		return fmt.Errorf("unexpected answer %s", bytes.TrimSpace(line))
	}
	return nil
}

const initialize = `{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}`

func create(id int) string {
	return `{"jsonrpc":"2.0","id":` + strconv.Itoa(id) + `,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":{"user_id":"user_alice","expires_in_seconds":600}}}`
}

// coldStart times one whole short session as a host starts it, each step waiting for its
// answer; it returns the wall time in ms and the peak RSS in MiB.
func coldStart(bin string) (float64, float64, error) {
	t0 := time.Now()
	s, err := startSession(bin)
	if err != nil {
		return 0, 0, err
	}
	steps := []struct {
		lines []string
		id    int
	}{
		{[]string{initialize}, 0},
		{[]string{`{"jsonrpc":"2.0","method":"notifications/initialized"}`, `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`}, 1},
		{[]string{create(2)}, 2},
	}
	for _, st := range steps {
		if err := s.send(st.lines...); err != nil {
			return 0, 0, err
		}
		if err := s.expect(st.id); err != nil {
			return 0, 0, err
		}
	}
	s.in.Close()
	if err := s.cmd.Wait(); err != nil {
		return 0, 0, err
	}
	wall := float64(time.Since(t0).Microseconds()) / 1000
	ru := s.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return wall, float64(ru.Maxrss) / 1024, nil // Maxrss is in KiB on Linux
}

// throughput keeps window calls in flight on one session and returns calls per second
// and the server's CPU time per call in µs.
func throughput(bin string, calls, window int) (float64, float64, error) {
	s, err := startSession(bin)
	if err != nil {
		return 0, 0, err
	}
	defer s.cmd.Process.Kill() // on an early return only: a clean run has exited already
	if err := s.send(initialize, `{"jsonrpc":"2.0","method":"notifications/initialized"}`); err != nil {
		return 0, 0, err
	}
	if err := s.expect(0); err != nil {
		return 0, 0, err
	}
	credit := make(chan struct{}, window)
	for i := 0; i < window; i++ {
		credit <- struct{}{}
	}
	werr := make(chan error, 1)
	t0 := time.Now()
	go func() {
		w := bufio.NewWriter(s.in)
		for i := 1; i <= calls; i++ {
			<-credit
			w.WriteString(create(i) + "\n")
			if len(credit) == 0 || i == calls {
				if err := w.Flush(); err != nil {
					werr <- err
					return
				}
			}
		}
		werr <- nil
	}()
	for i := 0; i < calls; i++ {
		if err := s.expect(-1); err != nil {
			return 0, 0, err
		}
		credit <- struct{}{}
	}
	elapsed := time.Since(t0)
	if err := <-werr; err != nil {
		return 0, 0, err
	}
	s.in.Close()
	if err := s.cmd.Wait(); err != nil {
		return 0, 0, err
	}
	ps := s.cmd.ProcessState
	cpu := float64((ps.UserTime() + ps.SystemTime()).Microseconds()) / float64(calls)
	return float64(calls) / elapsed.Seconds(), cpu, nil
}

// initTrace returns the three package inits that took longest in one start.
func initTrace(bin string) (string, error) {
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", err
	}
	type entry struct {
		line string
		ms   float64
	}
	var entries []entry
	for _, l := range strings.Split(stderr.String(), "\n") {
		f := strings.Fields(l) // init PKG @X ms, Y ms clock, …
		if len(f) > 6 && f[0] == "init" && f[6] == "clock," {
			ms, _ := strconv.ParseFloat(f[4], 64)
			entries = append(entries, entry{f[1] + ": " + f[4] + " ms", ms})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].ms > entries[j].ms })
	var b strings.Builder
	total := 0.0
	for i, e := range entries {
		total += e.ms
		if i < 3 {
			b.WriteString("  " + e.line + "\n")
		}
	}
	fmt.Fprintf(&b, "  all %d package inits: %.1f ms\n", len(entries), total)
	return b.String(), nil
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
