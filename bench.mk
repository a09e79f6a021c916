# Benchmarks against Clerk's own clients (issue 5), in the separate module bench/ so the
# main go.mod stays light. Included by the Makefile. `make bench` is slow and noisy and is
# never part of `make test`; its Go code is vetted there (vet-bench), and bench-smoke
# proves the harness end to end in seconds.

BENCHSTAT_VERSION = v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: bench bench-core bench-smoke bench-deps bench-mod vet-bench bench-clean

# The core's own micro-benchmarks and every comparison, written to BENCHMARKS.md.
bench: bench-deps
	cd bench && node run.mjs

# The core's micro-benchmarks alone, in seconds.
bench-core:
	$(GO) test -run '^$$' -bench . -benchmem ./clerkmini/...

# Every part with a few iterations; writes bench/.out/BENCHMARKS.smoke.md.
bench-smoke: bench-deps
	cd bench && node run.mjs --smoke

# The peers, pinned: clerk-sdk-go by bench/go.sum, the npm packages by
# bench/package-lock.json; benchstat from the module proxy. /usr/bin/time (peak RSS) and
# hyperfine (a cross-check) are Debian's packages `time` and `hyperfine`.
bench-deps:
	$(MAKE) apt-pkgs APT_PKGS="time hyperfine"
	cd bench && $(GO) mod download && npm ci --no-audit --no-fund
	$(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)
	@test -x /usr/bin/time || echo "bench: /usr/bin/time is missing (apt-get install time): make bench needs it for peak RSS"
	@command -v hyperfine >/dev/null || echo "bench: hyperfine is missing (apt-get install hyperfine): no cross-check"

test: vet-bench
deps: bench-mod

bench-mod:
	cd bench && $(GO) mod download

vet-bench:
	cd bench && $(GO) vet ./... && $(STATICCHECK) ./...

# `make clean` also drops the report's build outputs and profiles.
clean: bench-clean
bench-clean:
	rm -rf bench/.out
