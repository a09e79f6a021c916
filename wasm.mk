# WebAssembly: cmd/wasm as web/clerkmini.wasm (TinyGo) and web/clerkmini.go.wasm (Go), their
# tests under wazero, the JavaScript loader's tests in Node, Deno, Bun, workerd and Chromium,
# and TinyGo. Included by the Makefile; the size/speed report is bench.mk's (make bench-wasm).

.PHONY: wasm tinygo test-tinygo web-deps test-wasm test-wasm-go test-wasm-host test-wasm-types test-wasm-node test-wasm-deno \
	test-wasm-bun test-wasm-workerd test-wasm-browser test-wasm-soak FORCE

GOROOT_WASM  = $(shell $(GO) env GOROOT)/lib/wasm
WASM_GOFLAGS = -trimpath -ldflags='-s -w'
# The workspace that puts cmd/wasm/pretty in tidwall/pretty's place (see cmd/wasm/go.work).
WASM_GOWORK  = GOWORK=$(CURDIR)/cmd/wasm/go.work
# TinyGo, pinned and built from the registries by tools/tinygo/install.sh into a cache
# outside the clone (`make tinygo`); the script is the one place that knows the version.
# What needs TinyGo installs the pinned one first when it is the one used (TINYGO_DEP); an
# overridden TINYGO is used as given.
TINYGO_PINNED := $(shell tools/tinygo/install.sh --root)/bin/tinygo
TINYGO      ?= $(TINYGO_PINNED)
TINYGO_DEP   = $(filter $(TINYGO_PINNED),$(TINYGO))
# Deno: no update check, its cache inside the clone, nothing fetched.
DENO_ENV     = DENO_NO_UPDATE_CHECK=1 DENO_DIR=$(CURDIR)/web/node_modules/.cache/deno

# wasm-unknown: no imports, no WASI; the conservative GC, since the target's default GC
# never frees; no debug info and a trap for a panic (nothing a host passes can panic).
TINYGO_GC     = -gc=conservative -no-debug -panic=trap
TINYGO_FLAGS  = -target=wasm-unknown $(TINYGO_GC)
# The module's target is wasm-unknown with its memory declared at 8 pages (512 KiB) rather
# than 2: TinyGo's heap spans the memory _initialize finds, and a 2-page heap was collected
# every few calls. Declared, not grown at start: growing rebuilt the heap's free list twice
# more, ~0.1 ms of the time to ready (cmd/wasm/README.md).
TINYGO_MODULE = -target=cmd/wasm/tinygo-target.json $(TINYGO_GC)
WASM_SRC      = $(wildcard cmd/wasm/*.go cmd/wasm/pretty/*.go clerkmini/*.go internal/*/*.go) go.mod go.sum cmd/wasm/go.work cmd/wasm/tinygo-target.json

# The two builds of cmd/wasm, same exports (cmd/wasm/README.md): TinyGo's ships, Go's
# proves the core toolchain-neutral.
wasm: web/clerkmini.wasm web/clerkmini.go.wasm

# Then binaryen's wasm-opt -Oz (installed with TinyGo): 6% fewer bytes, 3.5% fewer
# gzipped, the same speed; it also drops the function names TinyGo keeps even with -no-debug.
WASM_OPT     ?= wasm-opt
web/clerkmini.wasm: $(WASM_SRC) | $(TINYGO_DEP)
	@mkdir -p bin
	$(WASM_GOWORK) $(TINYGO) build $(TINYGO_MODULE) -o bin/clerkmini.tinygo.wasm ./cmd/wasm
	$(WASM_OPT) -Oz bin/clerkmini.tinygo.wasm -o $@

web/clerkmini.go.wasm: $(WASM_SRC)
	$(WASM_GOWORK) GOOS=wasip1 GOARCH=wasm $(GO) build $(WASM_GOFLAGS) -buildmode=c-shared -o $@ ./cmd/wasm

# The JavaScript test tools, exactly as web/package-lock.json pins them.
web-deps:
	cd web && npm ci --no-audit --no-fund

# The modules every JavaScript test runs against (web/, built by `make wasm`): TinyGo's,
# the one that ships, and Go's, which proves the core is toolchain-neutral.
WASM_MODULES = clerkmini.wasm clerkmini.go.wasm
# Runs its command once per module, with CLERKMINI_WASM naming it; stops at the first failure.
for_each_module = cd web && for m in $(WASM_MODULES); do echo "== $$m"; CLERKMINI_WASM=$$m $(1) || exit 1; done

test-wasm: test-wasm-go test-wasm-host test-wasm-types test-wasm-node test-wasm-deno test-wasm-bun test-wasm-workerd test-wasm-browser test-wasm-soak

# The core's and the sandbox's whole suites under js/wasm through Go's go_js_wasm_exec
# (with FetchTransport's own tests); cmd/wasm vetted for both toolchains, its own tests
# (with the stand-in for tidwall/pretty in place, and on its own). What the module links
# is checked by clerkmini/deps_test.go, in make test.
test-wasm-go:
	GOOS=js GOARCH=wasm $(GO) vet ./clerkmini
	GOOS=js GOARCH=wasm $(STATICCHECK) ./clerkmini
	PATH="$$PATH:$(GOROOT_WASM)" GOOS=js GOARCH=wasm $(GO) test -count=1 ./clerkmini ./clerkmini/clerktest
	$(WASM_GOWORK) GOOS=wasip1 GOARCH=wasm $(GO) vet ./cmd/wasm
	$(WASM_GOWORK) GOOS=wasip1 GOARCH=wasm $(STATICCHECK) ./cmd/wasm
	$(WASM_GOWORK) $(GO) vet -tags tinygo ./cmd/wasm
	$(WASM_GOWORK) $(GO) test -count=1 ./cmd/wasm
	cd cmd/wasm/pretty && $(GO) vet . && $(STATICCHECK) . && $(GO) test -count=1 .

# Both modules under wazero, driven over real HTTP against the sandbox on 127.0.0.1 by a
# Go host (cmd/wasm/hosttest, a module of its own so that wazero stays out of go.mod).
test-wasm-host: wasm
	cd cmd/wasm/hosttest && GOWORK=off $(GO) vet . && GOWORK=off $(STATICCHECK) . && GOWORK=off $(GO) test -count=1 .

# clerkmini.d.ts against code written the @clerk/backend way, and misuse it must refuse.
test-wasm-types:
	cd web && ./node_modules/.bin/tsc -p test/types/tsconfig.json

bin/sandbox: FORCE
	$(GO) build -o bin/sandbox ./cmd/sandbox

# The suite (web/test/suite.mjs) in every host, for each module.
test-wasm-node: wasm bin/sandbox
	$(call for_each_module,node --test test/node.test.mjs && CLERKMINI_WASM=$$m node --expose-gc --test test/gc.test.mjs test/exit.test.mjs)

test-wasm-deno: wasm bin/sandbox
	$(call for_each_module,$(DENO_ENV) ./node_modules/.bin/deno run --no-prompt --allow-read --allow-env --allow-run --allow-net=127.0.0.1 test/run.mjs)

test-wasm-bun: wasm bin/sandbox
	$(call for_each_module,./node_modules/.bin/bun run test/run.mjs)

test-wasm-workerd: wasm bin/sandbox
	$(call for_each_module,node --test test/workerd.test.mjs)

test-wasm-browser: wasm bin/sandbox
	$(call for_each_module,node --test test/browser.test.mjs)

# 20,000 create + revoke pairs per module with a fetch that answers at once: fails if the
# WebAssembly memory grows more than 2 MiB or RSS more than 10 MiB (bounds, not timings).
test-wasm-soak: wasm
	$(call for_each_module,node --expose-gc --max-semi-space-size=1 test/soak.mjs)

FORCE:

# TinyGo from the registries, pinned: tools/tinygo/install.sh (a second run checks and exits).
tinygo:
	tools/tinygo/install.sh

$(TINYGO_PINNED):
	tools/tinygo/install.sh

# The core under TinyGo: its whole test suite built for wasip1 and run by Node's WASI, then
# a main that imports it built for wasm-unknown with a collecting GC (the default one never
# frees) and run in Node. TinyGo has no net/http here (its net is a submodule the proxy
# does not serve), so the sandbox's HTTP face (clerktest's handler.go, hostcheck.go) is
# built for !tinygo only; the in-memory sandbox the core's tests use stays. Every test
# `go test -list` sees must pass under TinyGo, but those tools/tinygo/not-run.txt names
# with why (tools/tinygo/tests-ran.mjs); the run's -test.v output is shown when it fails.
test-tinygo: $(TINYGO_DEP)
	@mkdir -p bin
	$(TINYGO) test -c -target=wasip1 -o bin/clerkmini.tinygo-test.wasm ./clerkmini
	cd clerkmini && node --no-warnings ../tools/tinygo/wasi-run.mjs ../bin/clerkmini.tinygo-test.wasm -test.v \
		>../bin/clerkmini.tinygo-test.out || { cat ../bin/clerkmini.tinygo-test.out; exit 1; }
	$(GO) test -list . ./clerkmini >bin/clerkmini.go-tests.txt
	node tools/tinygo/tests-ran.mjs bin/clerkmini.go-tests.txt bin/clerkmini.tinygo-test.out tools/tinygo/not-run.txt
	$(TINYGO) build $(TINYGO_FLAGS) -o bin/coreprobe.tinygo.wasm ./tools/tinygo/coreprobe
	node tools/tinygo/coreprobe.mjs bin/coreprobe.tinygo.wasm
