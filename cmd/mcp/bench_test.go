package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// BenchmarkStdioSession measures tool calls through the whole server in one process (the
// stdio loop, mcp-go, the tools, the in-memory sandbox), for profiling:
//
//	go test ./cmd/mcp -run '^$' -bench StdioSession -cpuprofile cpu.out
func BenchmarkStdioSession(b *testing.B) {
	srv := newServer(newSandboxTools(b))
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	go func() {
		_ = serveStdio(context.Background(), srv, inR, outW, slog.New(slog.DiscardHandler))
		outW.Close()
	}()
	out := bufio.NewReader(outR)
	io.WriteString(inW, initializeLine+"\n")
	if _, err := out.ReadBytes('\n'); err != nil {
		b.Fatal(err)
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	go func() {
		w := bufio.NewWriter(inW)
		for i := 0; i < b.N; i++ {
			w.WriteString(`{"jsonrpc":"2.0","id":` + strconv.Itoa(i+1) + `,"method":"tools/call","params":{"name":"create_sign_in_token","arguments":{"user_id":"user_alice","expires_in_seconds":600}}}` + "\n")
		}
		w.Flush()
	}()
	for i := 0; i < b.N; i++ {
		if _, err := out.ReadBytes('\n'); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// CPU time per call is steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	inW.Close()
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
