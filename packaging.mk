# Release packaging of the MCP server (issue 10): `make dist` (binaries and checksums),
# `make mcpb` (the MCP Bundle for Claude Desktop), and the tests that install both in the
# hosts' own formats. Included by the Makefile. The npm tools (@anthropic-ai/mcpb,
# @anthropic-ai/claude-code) are pinned by packaging/package-lock.json.

.PHONY: dist dist-check mcpb packaging-deps test-packaging

# The version stamped into the binaries (serverInfo.version, --version) and the bundle's
# manifest: the core package's Version unless the release names one (make dist VERSION=…).
VERSION ?= $(shell sed -n 's/^const Version = "\(.*\)"$$/\1/p' clerkmini/client.go)
DIST ?= dist
# GOOS/GOARCH pairs built by `make dist`; the bundle carries all of them.
DIST_PLATFORMS = darwin/arm64 darwin/amd64 linux/amd64 linux/arm64 windows/amd64
# Reproducible: no cgo, no local paths (-trimpath), no VCS stamp (a dirty tree would change
# it), no symbol tables; the same source and Go version give the same bytes (dist-check).
DIST_GOFLAGS = -trimpath -buildvcs=false -ldflags "-s -w -X main.version=$(VERSION)"

dist:
	rm -rf $(DIST) && mkdir -p $(DIST)
	@for p in $(DIST_PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "dist: $(DIST)/clerkmini-mcp-$$os-$$arch$$ext"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build $(DIST_GOFLAGS) -o $(DIST)/clerkmini-mcp-$$os-$$arch$$ext ./cmd/mcp || exit 1; \
	done
	cd $(DIST) && LC_ALL=C sha256sum clerkmini-mcp-* > SHA256SUMS
	@cd $(DIST) && LC_ALL=C ls -l clerkmini-mcp-* | awk '{ printf "dist: %-32s %9d bytes\n", $$NF, $$5 }'

# Rebuilds every binary from scratch (an empty build cache, another output folder) and
# checks it against dist/SHA256SUMS byte for byte. Slow (minutes): not part of make test.
dist-check: dist
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	GOCACHE=$$tmp/cache $(MAKE) --no-print-directory dist DIST=$$tmp/dist >/dev/null && \
	cd $$tmp/dist && sha256sum -c $(CURDIR)/$(DIST)/SHA256SUMS

MCPB = packaging/node_modules/.bin/mcpb

# dist/clerkmini.mcpb: packaging/mcpb/ (manifest, launcher) and the dist binaries, laid
# out by stage-mcpb.mjs, validated and packed by Anthropic's mcpb CLI.
mcpb: dist
	node packaging/stage-mcpb.mjs $(DIST) $(DIST)/mcpb $(VERSION)
	$(MCPB) validate $(DIST)/mcpb/manifest.json
	$(MCPB) pack $(DIST)/mcpb $(DIST)/clerkmini.mcpb
	@ls -l $(DIST)/clerkmini.mcpb | awk '{ printf "mcpb: %s %d bytes\n", $$NF, $$5 }'

packaging-deps:
	cd packaging && npm ci --no-audit --no-fund

# The bundle driven as its manifest says, the README's install commands parsed as each host
# would, and Claude Code's CLI running the README's command (no network, its own HOME).
# Built into bin/dist, so that a test run never replaces a release folder in dist/.
TEST_DIST = bin/dist
test-packaging:
	$(MAKE) --no-print-directory mcpb DIST=$(TEST_DIST)
	cd packaging && CLERKMINI_DIST=$(CURDIR)/$(TEST_DIST) CLERKMINI_README=$(CURDIR)/README.md,$(CURDIR)/cmd/mcp/README.md node --test --test-concurrency=1 *.test.mjs
