#!/bin/sh
# Starts the clerkmini-mcp built for this machine. An MCP Bundle chooses its command by
# operating system only (platform_overrides), not by processor, so macOS and Linux come
# here and the processor is read at start. Windows runs its .exe directly.
dir=$(dirname "$0")
case $(uname -s) in
Darwin) os=darwin ;;
Linux) os=linux ;;
*) echo "clerkmini-mcp: this bundle has no build for $(uname -s)" >&2; exit 1 ;;
esac
case $(uname -m) in
x86_64 | amd64) arch=amd64 ;;
arm64 | aarch64) arch=arm64 ;;
*) echo "clerkmini-mcp: this bundle has no build for $(uname -s) on $(uname -m) processors" >&2; exit 1 ;;
esac
exec "$dir/$os-$arch/clerkmini-mcp" "$@"
