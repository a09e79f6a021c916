# clerkmini: `make test` runs every test CI runs; `make demo` runs the main job on the
# embedded sandbox. Every target works offline once `make deps` has run.
GO          ?= go
STATICCHECK ?= $(shell $(GO) env GOPATH)/bin/staticcheck

.PHONY: all build demo test test-go test-cross fmt fmtcheck vet lint deps bench record clean \
	wasm wasm-tinygo web-deps test-wasm test-wasm-go test-wasm-types test-wasm-node test-wasm-deno test-wasm-bun \
	test-wasm-workerd test-wasm-browser bench-wasm

all: build

build:
	$(GO) build ./...
	$(GO) build -o bin/sandbox ./cmd/sandbox

demo:
	$(GO) run ./examples/quickstart

# Every test, as CI runs them.
test: fmtcheck vet lint test-go test-cross test-wasm

test-go:
	$(GO) test -race -count=1 ./...

# The core builds for every target it promises; the dependency test (in clerkmini/)
# checks what those builds import.
test-cross:
	GOOS=js GOARCH=wasm $(GO) build ./clerkmini
	GOOS=wasip1 GOARCH=wasm $(GO) build ./clerkmini
	GOOS=js GOARCH=wasm $(GO) vet ./clerkmini
	$(GO) vet -tags tinygo ./clerkmini

fmt:
	gofmt -w $$(git ls-files '*.go')

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

lint:
	$(STATICCHECK) ./...

# Tools the tests need, from the module proxy.
deps:
	$(GO) mod download
	$(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	$(MAKE) web-deps

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./clerkmini/...

# Re-record the golden exchanges from a live Clerk instance (needs the network):
#   CLERK_SECRET_KEY=sk_test_… CLERK_RECORD_USER_ID=user_… make record
record:
	$(GO) test ./clerkmini -run TestGolden -count=1 -record

clean:
	rm -rf bin web/*.wasm web/wasm_exec.js web/wasm_exec.tinygo.js web/test-results

include wasm.mk
