# The benchmark report (bench/: its own Go module, so the main go.mod stays light, and its
# own npm packages, the peers). Included by the Makefile, which lists what of this file
# `make test` (vet-bench) and `make deps` (bench-mod) run. Every report is slow and noisy
# and never part of `make test`; bench-smoke proves the harness end to end in under a minute.

.PHONY: bench bench-smoke bench-wasm bench-mcp bench-core bench-deps bench-mod vet-bench

BENCHSTAT_VERSION = v0.0.0-20260908200009-22c9c6c9d4da

# Every section (bench/run.mjs), written to BENCHMARKS.md and the README's table.
bench: bench-deps
	cd bench && node run.mjs

# Every section with a few iterations; writes bench/.out/BENCHMARKS.smoke.md.
bench-smoke: bench-deps
	cd bench && node run.mjs --smoke

# One group of sections, written to bench/.out/BENCHMARKS.GROUP.md: the WebAssembly
# modules against @clerk/backend (sizes, Node, scaling), and the MCP server against
# agent-toolkit (sizes, cold start, scaling on one session).
bench-wasm: bench-deps
	cd bench && node run.mjs --only js
bench-mcp: bench-deps
	cd bench && node run.mjs --only mcp

# The Go micro-benchmarks that live beside their code (they use its test fixtures or
# internals), in seconds: the core's one call on a canned Transport, and the MCP server's
# stdio loop in one process (for -cpuprofile).
bench-core:
	$(GO) test -run '^$$' -bench . -benchmem ./clerkmini/... ./cmd/mcp

# The peers, pinned: clerk-sdk-go by bench/go.sum, the npm packages by
# bench/package-lock.json (npm ci runs again only when the lock file is newer than the
# stamp, which npm ci, replacing node_modules, removes first); benchstat from the module
# proxy. /usr/bin/time (peak RSS) and hyperfine (a cross-check) are Debian's packages
# `time` and `hyperfine`.
BENCH_NPM_STAMP = bench/node_modules/.npm-ci.stamp
bench-deps: $(BENCH_NPM_STAMP)
	$(MAKE) apt-pkgs APT_PKGS="time hyperfine"
	cd bench && $(GO) mod download
	$(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)

$(BENCH_NPM_STAMP): bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

bench-mod:
	cd bench && $(GO) mod download

vet-bench:
	cd bench && $(GO) vet ./... && $(STATICCHECK) ./...
