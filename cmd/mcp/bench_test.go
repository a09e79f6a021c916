package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
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
		_ = serveStdio(context.Background(), srv, inR, outW, newScrubber(echoKey), slog.New(slog.DiscardHandler))
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

// createAnswer is a create's answer as stdout carries it: about 4.3 KB, the token and the
// url written twice (text and structuredContent), as a real Clerk token makes it.
func createAnswer() mcp.JSONRPCMessage {
	tok := tokenOut{Object: "sign_in_token", ID: "sit_2xYz", Status: "pending", UserID: "user_alice",
		Token:     "eyJhbGciOiJSUzI1NiJ9." + strings.Repeat("eyJzdWIiOiJ1c2VyX2FsaWNlIn0", 36) + ".sig",
		URL:       "https://accounts.example.com/v1/tickets/accept?ticket=" + strings.Repeat("eyJzdWIiOiJ1c2VyX2FsaWNlIn0", 36),
		CreatedAt: 1764547200000, UpdatedAt: 1764547200000}
	text, _ := json.Marshal(tok)
	return mcp.NewJSONRPCResultResponse(mcp.NewRequestId(1), &mcp.CallToolResult{Content: []mcp.Content{mcp.NewTextContent(string(text))}, StructuredContent: tok})
}

// BenchmarkWriteParallel writes create answers to stdout from concurrent calls, as the
// workers do: what one write holds the stdout lock for is what the others wait.
func BenchmarkWriteParallel(b *testing.B) {
	s := &stdioConn{out: io.Discard, scrub: newScrubber(echoKey), log: slog.New(slog.DiscardHandler)}
	msg := createAnswer()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.write(msg)
		}
	})
}
