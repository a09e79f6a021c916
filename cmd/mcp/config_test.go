package main

import (
	"io"
	"slices"
	"testing"
	"time"
)

// TestSettingsFromFlagsAndEnvironment: each policy setting reads its variable, and a flag
// wins over it.
func TestSettingsFromFlagsAndEnvironment(t *testing.T) {
	env := map[string]string{
		"CLERKMINI_MCP_TOOLS":                      "revoke_sign_in_token",
		"CLERKMINI_MCP_MAX_EXPIRES_IN_SECONDS":     "7200",
		"CLERKMINI_MCP_DEFAULT_EXPIRES_IN_SECONDS": "600",
		"CLERKMINI_MCP_AUDIT_LOG":                  "/var/log/audit.jsonl",
		"CLERKMINI_MCP_LOG_LEVEL":                  "debug",
	}
	getenv := func(k string) string { return env[k] }
	cfg, err := parseConfig(nil, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.policy
	if !slices.Equal(p.tools, []string{toolRevoke}) || p.maxExpires != 7200 || p.defaultExpires != 600 ||
		cfg.auditLog != "/var/log/audit.jsonl" || cfg.logLevel.String() != "DEBUG" {
		t.Fatalf("from the environment: %+v", cfg)
	}
	cfg, err = parseConfig([]string{"--tools", "create_sign_in_token, revoke_sign_in_token", "--max-expires-in-seconds", "60",
		"--default-expires-in-seconds", "30", "--audit-log", "a.jsonl", "--log-level", "warn"}, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	p = cfg.policy
	if !slices.Equal(p.tools, allToolNames) || p.maxExpires != 60 || p.defaultExpires != 30 ||
		cfg.auditLog != "a.jsonl" || cfg.logLevel.String() != "WARN" {
		t.Fatalf("flags over the environment: %+v", cfg)
	}
}

// TestConfirmSettings: the confirmation policy from the environment, flags over it (a
// bare --confirm-revoke means true), and errors that name the setting.
func TestConfirmSettings(t *testing.T) {
	cfg, err := parseConfig(nil, func(string) string { return "" }, io.Discard)
	if err != nil || cfg.policy.confirm != (confirmPolicy{mode: confirmAuto, timeout: 2 * time.Minute}) {
		t.Fatalf("defaults: %+v, %v", cfg.policy.confirm, err)
	}
	env := map[string]string{"CLERKMINI_MCP_CONFIRM": "required", "CLERKMINI_MCP_CONFIRM_REVOKE": "true", "CLERKMINI_MCP_CONFIRM_TIMEOUT_SECONDS": "30"}
	getenv := func(k string) string { return env[k] }
	cfg, err = parseConfig(nil, getenv, io.Discard)
	if err != nil || cfg.policy.confirm != (confirmPolicy{mode: confirmRequired, revoke: true, timeout: 30 * time.Second}) {
		t.Fatalf("from the environment: %+v, %v", cfg.policy.confirm, err)
	}
	cfg, err = parseConfig([]string{"--confirm", "never", "--confirm-revoke=false", "--confirm-timeout-seconds", "5"}, getenv, io.Discard)
	if err != nil || cfg.policy.confirm != (confirmPolicy{mode: confirmNever, timeout: 5 * time.Second}) {
		t.Fatalf("flags over the environment: %+v, %v", cfg.policy.confirm, err)
	}
	if cfg, err = parseConfig([]string{"--confirm-revoke"}, func(string) string { return "" }, io.Discard); err != nil || !cfg.policy.confirm.revoke {
		t.Fatalf("bare --confirm-revoke: %+v, %v", cfg.policy.confirm, err)
	}
	for _, tc := range []struct{ args, want string }{
		{"--confirm=sometimes", "--confirm (or $CLERKMINI_MCP_CONFIRM) must be auto, required or never"},
		{"--confirm-revoke=maybe", "--confirm-revoke (or $CLERKMINI_MCP_CONFIRM_REVOKE) must be true or false"},
		{"--confirm-timeout-seconds=0", "--confirm-timeout-seconds (or $CLERKMINI_MCP_CONFIRM_TIMEOUT_SECONDS) must be a whole number of seconds, at least 1"},
	} {
		if _, err := parseConfig([]string{tc.args}, func(string) string { return "" }, io.Discard); err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %q", tc.args, err, tc.want)
		}
	}
}
