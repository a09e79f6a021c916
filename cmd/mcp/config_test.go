package main

import (
	"io"
	"slices"
	"testing"
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
