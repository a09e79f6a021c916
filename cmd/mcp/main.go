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
	"github.com/mark3labs/mcp-go/server"
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
	exit := newExitDeadline()                  // one for the whole exit, however many sinks it waits for
	var s session
	defer s.close(exit)
	cfg, err := s.setup(args, getenv, stderr, scrub)
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
	s.logger.Info("serving MCP on stdio", "version", version, "tools", cfg.policy.tools)
	if err := serveStdio(ctx, s.srv, stdin, stdout, scrub, s.logger); err != nil {
		s.logger.Error("stdio failed", "err", err)
		return 1
	}
	return 0
}

// session is what run opens before it serves: whatever setup opened, close closes,
// whether or not setup got to the end.
type session struct {
	logger     *slog.Logger
	srv        *server.MCPServer
	logs       *logSink
	closeAudit func(*exitDeadline)
}

// setup reads the configuration and, unless it only asks for the version, opens the
// session. Its error is the operator's to fix (flag.ErrHelp: the help was shown).
func (s *session) setup(args []string, getenv func(string) string, stderr io.Writer, scrub *clerkmini.Redactor) (config, error) {
	cfg, err := parseConfig(args, getenv, stderr)
	if err != nil || cfg.showVersion {
		return cfg, err
	}
	s.logs = newLogSink(stderr)
	s.logger = slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: cfg.logLevel}))
	client, err := newClerkClient(cfg, getenv, stderr)
	if err != nil {
		return cfg, err
	}
	audit, closeAudit, err := openAudit(cfg.auditLog, s.logs, scrub)
	if err != nil {
		return cfg, err
	}
	s.closeAudit = closeAudit
	s.srv = newServer(&tokenTools{client: client, policy: cfg.policy, audit: audit, log: s.logger})
	return cfg, nil
}

// close closes what setup opened, the audit trail before the logs it may write to.
func (s *session) close(exit *exitDeadline) {
	if s.closeAudit != nil {
		s.closeAudit(exit)
	}
	if s.logs != nil {
		s.logs.close(exit)
	}
}
