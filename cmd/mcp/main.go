// Command clerkmini-mcp is an MCP server on stdio that lets an AI assistant create and
// revoke Clerk sign-in tokens with two tools, create_sign_in_token and
// revoke_sign_in_token.
//
//	CLERK_SECRET_KEY=sk_test_… clerkmini-mcp
//	clerkmini-mcp --sandbox          # the embedded sandbox: no key, no network
//
// The key comes from the environment only: a flag would show in ps, and a tool argument
// would pass through the model. stdout carries nothing but JSON-RPC; logs and the audit
// trail go to stderr (or --audit-log) and never hold the key, a token or a url.
// Run with --help for the operator's policy flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// version is the build's version, reported by --version and as serverInfo.version:
// -ldflags "-X main.version=…" when a release sets it, else the module version that
// go install module@version records, else the core package's.
var version string

func init() {
	if version != "" {
		return // -X sets only a variable without an initializer
	}
	version = clerkmini.Version
	if bi, ok := debug.ReadBuildInfo(); ok && strings.HasPrefix(bi.Main.Version, "v") {
		version = strings.TrimPrefix(bi.Main.Version, "v")
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once, without waiting for answers
	}()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, returning its exit code: 0 after a clean end of the session,
// 2 for a configuration the operator must fix, 1 when stdio itself failed.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	scrub := newScrubber(getenv("CLERK_SECRET_KEY"))
	stderr = &scrubWriter{w: stderr, s: scrub} // stdout's JSON-RPC lines are scrubbed by serveStdio
	cfg, err := parseConfig(args, getenv, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintln(stderr, "clerkmini-mcp:", err)
		return 2
	case cfg.showVersion:
		fmt.Fprintln(&scrubWriter{w: stdout, s: scrub}, "clerkmini-mcp", version)
		return 0
	}
	exit := newExitDeadline() // one for the whole exit, however many sinks it waits for
	logs := newLogSink(stderr)
	defer logs.close(exit)
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: cfg.logLevel}))
	client, err := newClerkClient(cfg, getenv, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "clerkmini-mcp:", err)
		return 2
	}
	audit, closeAudit, err := openAudit(cfg.auditLog, logs, scrub)
	if err != nil {
		fmt.Fprintln(stderr, "clerkmini-mcp:", err)
		return 2
	}
	defer closeAudit(exit)
	srv := newServer(&tokenTools{client: client, policy: cfg.policy, audit: audit, log: logger})
	logger.Info("serving MCP on stdio", "version", version, "tools", cfg.policy.tools)
	if err := serveStdio(ctx, srv, stdin, stdout, scrub, logger); err != nil {
		logger.Error("stdio failed", "err", err)
		return 1
	}
	return 0
}
