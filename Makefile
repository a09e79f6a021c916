# clerkmini: `make test` runs every test CI runs; `make demo` runs the main job on the
# embedded sandbox. Every target works offline once `make deps` has run.
GO          ?= go
STATICCHECK ?= $(shell $(GO) env GOPATH)/bin/staticcheck

# The targets this file defines; each included .mk file declares its own. Included files
# define targets only: what `make test`, `make deps` and `make clean` run is listed here.
.PHONY: apt-pkgs all build demo demo-go test test-go test-cross test-sandbox-js test-mcp-js test-mcp-conformance fmt fmtcheck vet lint deps record clean

# The JavaScript MCP clients (official SDK, Inspector) that drive the MCP server in tests,
# pinned by package-lock.json.
MCP_JS = cmd/mcp/testdata/js
# The MCP conformance suite and the Node 22 it runs on, pinned by package-lock.json.
MCP_CONFORMANCE = cmd/mcp/testdata/conformance

all: build

build:
	$(GO) build ./...
	$(GO) build -o bin/sandbox ./cmd/sandbox
	$(GO) build -o bin/clerkmini-mcp ./cmd/mcp

# The main job: an MCP client drives the real server binary on the embedded sandbox,
# create → revoke → revoke again, and prints what an assistant sees.
demo:
	$(GO) build -o bin/clerkmini-mcp ./cmd/mcp
	$(GO) run ./examples/mcpdemo bin/clerkmini-mcp

# The same job from Go, with the core package alone.
demo-go:
	$(GO) run ./examples/quickstart

# Debian's packages, installed when missing (as dpkg knows them, not by a command's name):
# Chromium for the page test (playwright-core drives it and never downloads a browser of
# its own). Needs root, as in CI; elsewhere it names what to install.
APT_PKGS ?= chromium
apt-pkgs:
	@missing=""; for p in $(APT_PKGS); do \
		dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "deps: install Debian's$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null

# Every test, as CI runs them: the WebAssembly suites (test-wasm, test-tinygo) are in
# wasm.mk, the packaging tests in packaging.mk, the benchmark harness's vet in bench.mk.
test: fmtcheck vet lint test-go test-cross test-sandbox-js test-mcp-js test-mcp-conformance test-wasm test-tinygo test-packaging vet-bench

test-go:
	$(GO) test -race -count=1 ./...

# The core builds for every target it promises (js is built, vetted and tested by
# test-wasm-go); the dependency test (in clerkmini/) checks what those builds import.
test-cross:
	GOOS=wasip1 GOARCH=wasm $(GO) build ./clerkmini
	$(GO) vet -tags tinygo ./clerkmini

# cmd/sandbox/start.mjs, which every JavaScript test and benchmark starts the sandbox with.
test-sandbox-js: bin/sandbox
	node --test cmd/sandbox/start.test.mjs

# The official MCP TypeScript SDK and the MCP Inspector CLI against the built server.
test-mcp-js: build
	cd $(MCP_JS) && CLERKMINI_MCP_BIN=$(CURDIR)/bin/clerkmini-mcp CLERKMINI_SANDBOX_BIN=$(CURDIR)/bin/sandbox node --test sdk.test.mjs

# The MCP conformance suite's server scenarios against the built server on stdio; which
# run and why the others do not apply: $(MCP_CONFORMANCE)/scenarios.txt.
test-mcp-conformance: build
	CLERKMINI_MCP_BIN=$(CURDIR)/bin/clerkmini-mcp $(MCP_CONFORMANCE)/run.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

lint:
	$(STATICCHECK) ./...

# Everything the tests need: Debian packages (apt-pkgs), the Go modules and staticcheck
# from the module proxy (the bench module's too: bench-mod, in bench.mk), TinyGo (tinygo,
# in wasm.mk), the JavaScript test tools from npm as the lock files pin them.
deps: apt-pkgs tinygo bench-mod
	$(GO) mod download
	cd cmd/wasm/hosttest && GOWORK=off $(GO) mod download
	$(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	cd $(MCP_JS) && npm ci --no-audit --no-fund
	cd $(MCP_CONFORMANCE) && npm ci --no-audit --no-fund
	$(MAKE) web-deps
	$(MAKE) packaging-deps

# Re-record the golden exchanges from a live Clerk instance (needs the network):
#   CLERK_SECRET_KEY=sk_test_… CLERK_RECORD_USER_ID=user_… make record
record:
	$(GO) test ./clerkmini -run TestGolden -count=1 -record

# Build outputs, the WebAssembly tests' leftovers, and the benchmark report's builds and
# profiles (bench/.out).
clean:
	rm -rf bin dist web/*.wasm web/test-results web/test/workerd/config.gen.capnp bench/.out

include wasm.mk
include bench.mk
include packaging.mk
