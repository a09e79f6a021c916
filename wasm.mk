# WebAssembly: cmd/wasm as web/clerkmini.wasm, the JavaScript loader's tests in Node, Deno,
# Bun, workerd and Chromium, and the size/speed report. Included by the Makefile.

GOROOT_WASM  = $(shell $(GO) env GOROOT)/lib/wasm
WASM_GOFLAGS = -trimpath -ldflags='-s -w'
# The workspace that puts cmd/wasm/pretty in tidwall/pretty's place (see cmd/wasm/go.work).
WASM_GOWORK  = GOWORK=$(CURDIR)/cmd/wasm/go.work
# TinyGo, pinned and built from the registries by tools/tinygo/install.sh into a cache
# outside the clone (`make tinygo`); the script is the one place that knows the version.
TINYGO      ?= $(shell tools/tinygo/install.sh --root)/bin/tinygo
# Deno: no update check, its cache inside the clone, nothing fetched.
DENO_ENV     = DENO_NO_UPDATE_CHECK=1 DENO_DIR=$(CURDIR)/web/node_modules/.cache/deno

# The module and the glue of the toolchain that built it: they must match.
wasm:
	$(WASM_GOWORK) GOOS=js GOARCH=wasm $(GO) build $(WASM_GOFLAGS) -o web/clerkmini.wasm ./cmd/wasm
	cp "$(GOROOT_WASM)/wasm_exec.js" web/wasm_exec.js

# The module as TinyGo builds it, with the TinyGo that `make tinygo` installs (TinyGo >= 0.41
# is the first to support Go 1.26; TINYGO=/path/to/tinygo uses another).
wasm-tinygo: tinygo
	$(WASM_GOWORK) $(TINYGO) build -target=wasm -no-debug -panic=trap -o web/clerkmini.tinygo.wasm ./cmd/wasm
	cp "$$($(TINYGO) env TINYGOROOT)/targets/wasm_exec.js" web/wasm_exec.tinygo.js

# The JavaScript test tools, exactly as web/package-lock.json pins them.
web-deps:
	cd web && npm ci --no-audit --no-fund

test-wasm: test-wasm-go test-wasm-types test-wasm-node test-wasm-deno test-wasm-bun test-wasm-workerd test-wasm-browser

# The Go side under Node, through Go's go_js_wasm_exec: the core's and the sandbox's whole
# suites (with the fetch transport's own tests), cmd/wasm built as the module is; the
# stand-in for tidwall/pretty on its own; and what the module links.
test-wasm-go:
	GOOS=js GOARCH=wasm $(GO) vet ./cmd/wasm ./clerkmini
	GOOS=js GOARCH=wasm $(STATICCHECK) ./cmd/wasm ./clerkmini
	PATH="$$PATH:$(GOROOT_WASM)" GOOS=js GOARCH=wasm $(GO) test -count=1 ./clerkmini ./clerkmini/clerktest
	PATH="$$PATH:$(GOROOT_WASM)" $(WASM_GOWORK) GOOS=js GOARCH=wasm $(GO) test -count=1 ./cmd/wasm
	cd cmd/wasm/pretty && $(GO) vet . && $(STATICCHECK) . && $(GO) test -count=1 .
	@linked=$$($(WASM_GOWORK) GOOS=js GOARCH=wasm $(GO) list -deps ./cmd/wasm | grep -xE 'encoding/json|fmt|net/http|reflect|os'); \
	if [ -n "$$linked" ]; then echo "cmd/wasm links what it must not:" $$linked; exit 1; fi

# clerkmini.d.ts against code written the @clerk/backend way, and misuse it must refuse.
test-wasm-types:
	cd web && ./node_modules/.bin/tsc -p test/types/tsconfig.json

bin/sandbox: FORCE
	$(GO) build -o bin/sandbox ./cmd/sandbox

test-wasm-node: wasm bin/sandbox
	cd web && node --test test/node.test.mjs
	cd web && node --expose-gc --test test/gc.test.mjs test/exit.test.mjs

test-wasm-deno: wasm bin/sandbox
	cd web && $(DENO_ENV) ./node_modules/.bin/deno run --no-prompt --allow-read --allow-env \
		--allow-run --allow-net=127.0.0.1 test/run.mjs

test-wasm-bun: wasm bin/sandbox
	cd web && ./node_modules/.bin/bun run test/run.mjs

test-wasm-workerd: wasm bin/sandbox
	cd web && node --test test/workerd.test.mjs

test-wasm-browser: wasm bin/sandbox
	cd web && node --test test/browser.test.mjs

# A report, not a test: sizes, time to ready and per-call overhead (web/bench/bench.mjs).
# bin/clerkmini.tidwall-pretty.wasm is the same module with the real tidwall/pretty, to
# show what the stand-in saves.
bench-wasm: wasm bin/sandbox
	GOWORK=off GOOS=js GOARCH=wasm $(GO) build $(WASM_GOFLAGS) -o bin/clerkmini.tidwall-pretty.wasm ./cmd/wasm
	cd web && node bench/bench.mjs

FORCE:

# TinyGo from the registries, pinned: tools/tinygo/install.sh (a second run checks and exits).
tinygo:
	tools/tinygo/install.sh

# The core under TinyGo: its whole test suite built for wasip1 and run by Node's WASI, then
# a main that imports it built for wasm-unknown with a collecting GC (the default one never
# frees) and run in Node. TinyGo has no net/http here (its net is a submodule the proxy
# does not serve), so the sandbox's HTTP face (clerktest's handler.go, hostcheck.go) is
# built for !tinygo only; the in-memory sandbox the core's tests use stays.
test-tinygo: tinygo
	@mkdir -p bin
	$(TINYGO) test -c -target=wasip1 -o bin/clerkmini.tinygo-test.wasm ./clerkmini
	cd clerkmini && node --no-warnings ../tools/tinygo/wasi-run.mjs ../bin/clerkmini.tinygo-test.wasm
	$(TINYGO) build -target=wasm-unknown -gc=conservative -no-debug -panic=trap -o bin/coreprobe.tinygo.wasm ./tools/tinygo/coreprobe
	node tools/tinygo/coreprobe.mjs bin/coreprobe.tinygo.wasm
