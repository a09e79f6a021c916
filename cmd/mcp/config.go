package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// config is what the operator chose at start.
type config struct {
	sandbox     bool
	showVersion bool
	auditLog    string // "" means stderr
	logLevel    slog.Level
	policy      policy
}

// policy is what the operator allows the model to do.
type policy struct {
	tools []string // the tools exposed, in allToolNames order
	// maxExpires is the longest lifetime the model may ask for; 0: no ceiling.
	maxExpires int64
	// defaultExpires is the lifetime used when the model names none; always set, so that
	// every token's lifetime is known to the audit log.
	defaultExpires int64
	confirm        confirmPolicy // when a person is asked before a credential is minted (confirm.go)
}

// setting is an operator setting given as a flag or, when the flag is absent, as an
// environment variable (hosts' configuration files set environment more easily than
// arguments).
type setting struct {
	flag, env, usage string
	value            string
	isBool           bool // given alone (--flag), it means "true"
}

// setting is a flag.Value, so that a yes/no setting can be given as a bare flag.
func (s *setting) String() string     { return s.value }
func (s *setting) Set(v string) error { s.value = v; return nil }
func (s *setting) IsBoolFlag() bool   { return s.isBool }

// parseConfig reads flags, then the environment for the settings no flag gave.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("clerkmini-mcp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs, stderr) }
	fs.BoolVar(&cfg.sandbox, "sandbox", false, "serve the embedded Clerk sandbox: no key, no network")
	fs.BoolVar(&cfg.showVersion, "version", false, "print the version and exit")
	var set settings
	set.tools = setting{flag: "tools", env: "CLERKMINI_MCP_TOOLS", usage: "comma-separated `names` of the tools to expose (default: all)"}
	set.maxExpires = setting{flag: "max-expires-in-seconds", env: "CLERKMINI_MCP_MAX_EXPIRES_IN_SECONDS", usage: "the longest token lifetime the model may ask for, in `seconds` (default: no ceiling)"}
	set.defaultExpires = setting{flag: "default-expires-in-seconds", env: "CLERKMINI_MCP_DEFAULT_EXPIRES_IN_SECONDS", usage: fmt.Sprintf("the lifetime used when the model names none, in `seconds` (default: Clerk's %d, %s, or the ceiling if lower)", clerkmini.DefaultExpiresInSeconds, humanSeconds(clerkmini.DefaultExpiresInSeconds))}
	set.auditLog = setting{flag: "audit-log", env: "CLERKMINI_MCP_AUDIT_LOG", usage: "append the audit trail (JSON lines) to `file` instead of stderr"}
	set.logLevel = setting{flag: "log-level", env: "CLERKMINI_MCP_LOG_LEVEL", usage: "stderr log `level`: debug, info, warn or error (default info)"}
	set.confirm = setting{flag: "confirm", env: "CLERKMINI_MCP_CONFIRM", usage: "when to ask the person (MCP elicitation) before a token is created: `auto` (whenever the client can ask; default), required (refuse when it cannot) or never"}
	set.confirmRevoke = setting{flag: "confirm-revoke", env: "CLERKMINI_MCP_CONFIRM_REVOKE", usage: "ask the person before a revoke too (true or false; default false)", isBool: true}
	set.confirmTimeout = setting{flag: "confirm-timeout-seconds", env: "CLERKMINI_MCP_CONFIRM_TIMEOUT_SECONDS", usage: fmt.Sprintf("how long to wait for the person's answer, in `seconds` (default %d)", int(defaultConfirmTimeout.Seconds()))}
	all := []*setting{&set.tools, &set.maxExpires, &set.defaultExpires, &set.auditLog, &set.logLevel, &set.confirm, &set.confirmRevoke, &set.confirmTimeout}
	for _, s := range all {
		fs.Var(s, s.flag, s.usage+" [$"+s.env+"]")
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		// Not quoted back: it may be the secret key, which belongs in CLERK_SECRET_KEY.
		return cfg, errors.New("takes no arguments besides flags (the secret key goes in CLERK_SECRET_KEY, never on the command line)")
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, s := range all {
		if !given[s.flag] {
			s.value = getenv(s.env)
		}
	}
	return cfg, cfg.apply(&set)
}

// settings are the operator's settings by name.
type settings struct {
	tools, maxExpires, defaultExpires, auditLog, logLevel setting
	confirm, confirmRevoke, confirmTimeout                setting
}

// apply checks and stores the settings' values; its errors name the flag and variable.
func (cfg *config) apply(s *settings) error {
	var err error
	p := &cfg.policy
	if p.tools, err = parseTools(s.tools.value); err != nil {
		return s.tools.fail(err)
	}
	if p.maxExpires, err = parseSeconds(s.maxExpires.value); err != nil {
		return s.maxExpires.fail(err)
	}
	if p.defaultExpires, err = parseSeconds(s.defaultExpires.value); err != nil {
		return s.defaultExpires.fail(err)
	}
	cfg.auditLog = s.auditLog.value
	if err = cfg.logLevel.UnmarshalText([]byte(orDefault(s.logLevel.value, "info"))); err != nil {
		return s.logLevel.fail(errors.New("must be debug, info, warn or error"))
	}
	if p.confirm.mode, err = parseConfirmMode(s.confirm.value); err != nil {
		return s.confirm.fail(err)
	}
	if p.confirm.revoke, err = parseBool(s.confirmRevoke.value); err != nil {
		return s.confirmRevoke.fail(err)
	}
	p.confirm.timeout = defaultConfirmTimeout
	if secs, err := parseSeconds(s.confirmTimeout.value); err != nil {
		return s.confirmTimeout.fail(err)
	} else if secs > 0 {
		p.confirm.timeout = time.Duration(secs) * time.Second
	}
	if p.maxExpires > 0 && p.defaultExpires > p.maxExpires {
		return s.defaultExpires.fail(fmt.Errorf("is %d, above the ceiling of %d set by --max-expires-in-seconds", p.defaultExpires, p.maxExpires))
	}
	if p.defaultExpires == 0 {
		p.defaultExpires = clerkmini.DefaultExpiresInSeconds
		if p.maxExpires > 0 && p.maxExpires < p.defaultExpires {
			p.defaultExpires = p.maxExpires
		}
	}
	return nil
}

func (s *setting) fail(err error) error {
	return fmt.Errorf("--%s (or $%s) %v", s.flag, s.env, err)
}

func parseTools(v string) ([]string, error) {
	if strings.TrimSpace(v) == "" {
		return append([]string(nil), allToolNames...), nil
	}
	want := map[string]bool{}
	for _, name := range strings.Split(v, ",") {
		name = strings.TrimSpace(name)
		if !slices.Contains(allToolNames, name) {
			return nil, fmt.Errorf("names an unknown tool %q; the tools are %s", name, strings.Join(allToolNames, ", "))
		}
		want[name] = true
	}
	var out []string
	for _, name := range allToolNames {
		if want[name] {
			out = append(out, name)
		}
	}
	return out, nil
}

func parseSeconds(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < minSeconds {
		return 0, errors.New(secondsRule)
	}
	return n, nil
}

func parseBool(v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errors.New("must be true or false")
	}
	return b, nil
}

func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, `clerkmini-mcp %s: an MCP server (stdio) with the tools %s.

Usage:
  CLERK_SECRET_KEY=sk_… clerkmini-mcp [flags]    (optional: CLERK_API_URL, the API origin)
  clerkmini-mcp --sandbox [flags]

Flags (each policy flag also reads the environment variable in brackets):
`, version, strings.Join(allToolNames, " and "))
	fs.PrintDefaults()
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
