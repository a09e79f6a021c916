#!/usr/bin/env bash
# Installs TinyGo into a cache outside the clone, from the package registries only: the
# compiler's source from the Go module proxy, LLVM and wasm-opt from Debian's apt, and
# the two C sources its release tarballs carry as git submodules (compiler-rt's builtins,
# wasi-libc) from Debian's source packages. Idempotent: with everything in place it checks
# and exits in a fraction of a second; anything missing is rebuilt into a staging folder
# that replaces the old one only once the new compiler runs.
#
#   tools/tinygo/install.sh           install (root installs the Debian packages; elsewhere
#                                     it names them and stops)
#   tools/tinygo/install.sh --root    print where TinyGo goes (the Makefile's TINYGO)
set -euo pipefail

# Pinned. The Debian versions are the ones this was built and tested with (bookworm); apt
# serves packages by name, so a point release may move them: a different LLVM major or
# wasi-libc source stops the install, since the build tags and the patch depend on them.
TINYGO_VERSION=v0.41.0
TINYGO_SUM=h1:g5/+/NhhmA0v+N7qMu1/aOJQ0H4I9y5W1UwMiC3AtzY=
LLVM_MAJOR=19
LLVM_DEB_VERSION=1:19.1.7-3~deb12u1    # llvm-19-dev libclang-19-dev clang-19 lld-19, source llvm-toolchain-19
BINARYEN_DEB_MAJOR=108                 # binaryen 108-1: wasm-opt, for TinyGo's asyncify pass
WASI_LIBC_DEB_VERSION=0.0~git20220510.9886d3d-2
WASI_LIBC_ORIG_SHA256=8f9b802736a856942839d32966937c389f46e9f156415a549a6675b7535e5f74

CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/clerkmini
ROOT=$CACHE/tinygo-$TINYGO_VERSION
if [ "${1:-}" = --root ]; then echo "$ROOT"; exit 0; fi

HERE=$(cd "$(dirname "$0")" && pwd)
PKGS="llvm-$LLVM_MAJOR-dev libclang-$LLVM_MAJOR-dev clang-$LLVM_MAJOR lld-$LLVM_MAJOR binaryen g++ patch xz-utils"
# The stamp names everything the installed tree depends on; a change reinstalls.
STAMP="tinygo $TINYGO_VERSION llvm $LLVM_MAJOR wasi-libc $WASI_LIBC_DEB_VERSION $(cat "$0" "$HERE/wasi-libc.patch" | sha256sum | cut -c1-16)"

say() { echo "tinygo: [$((SECONDS))s] $*" >&2; }
die() { say "$*"; exit 1; }

# pkg_version NAME: the installed version, or nothing.
pkg_version() {
	dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null | awk '$1 == "ii" { print $2 }'
}

missing_pkgs() {
	local p
	for p in $PKGS; do [ -n "$(pkg_version "$p")" ] || echo "$p"; done
}

# Fast path: the packages are installed and the tree was built by this very script.
if [ -z "$(missing_pkgs)" ] && [ -x "$ROOT/bin/tinygo" ] && [ "$(cat "$ROOT/.installed" 2>/dev/null)" = "$STAMP" ]; then
	exit 0
fi

start=$(date +%s)

# 1. Debian's packages.
missing=$(missing_pkgs | xargs)
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		die "install Debian's $missing (sudo apt-get install --no-install-recommends $missing), then run make tinygo again"
	fi
	say "installing $missing"
	apt-get -o DPkg::Lock::Timeout=600 update -qq
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
fi
for p in llvm-$LLVM_MAJOR-dev libclang-$LLVM_MAJOR-dev clang-$LLVM_MAJOR lld-$LLVM_MAJOR; do
	v=$(pkg_version "$p")
	case "$v" in 1:$LLVM_MAJOR.*) ;; *) die "$p is $v; this install is pinned to LLVM $LLVM_MAJOR ($LLVM_DEB_VERSION)" ;; esac
	[ "$v" = "$LLVM_DEB_VERSION" ] || say "note: $p is $v (tested with $LLVM_DEB_VERSION)"
done
v=$(pkg_version binaryen)
case "$v" in "$BINARYEN_DEB_MAJOR"-*) ;; *) die "binaryen is $v; this install is pinned to binaryen $BINARYEN_DEB_MAJOR" ;; esac
command -v go >/dev/null || die "go is not on PATH"

STAGE=$ROOT.stage
rm -rf "$STAGE"
mkdir -p "$STAGE"
trap 'rm -rf "$STAGE"' EXIT

# 2. TinyGo's source from the Go module proxy, checked against the pinned hash, copied
# writable (the module cache is read-only) so that the submodules' folders can be filled.
say "fetching github.com/tinygo-org/tinygo@$TINYGO_VERSION from the Go module proxy"
info=$(cd "$STAGE" && GOWORK=off go mod download -json "github.com/tinygo-org/tinygo@$TINYGO_VERSION")
src=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
sum=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p')
[ "$sum" = "$TINYGO_SUM" ] || die "github.com/tinygo-org/tinygo@$TINYGO_VERSION has sum $sum, pinned $TINYGO_SUM"
cp -R "$src/." "$STAGE/"
chmod -R u+w "$STAGE"

say "building TinyGo against LLVM $LLVM_MAJOR"
(cd "$STAGE" && GOWORK=off CGO_ENABLED=1 go build -tags="llvm$LLVM_MAJOR" -o bin/tinygo .)

# 3. The C sources, from Debian's source packages. apt-get source needs deb-src lines: a
# private apt configuration (in the staging folder, not /etc) mirrors the Debian archives
# the system installs from.
APTDIR=$STAGE/.apt
mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial"
apt-cache policy | awk '
	/ Packages$/ && NF == 5 { uri = $2; n = split($3, sc, "/"); next_is_release = 1; next }
	next_is_release && /o=Debian,/ && n == 2 { print "deb-src " uri " " sc[1] " " sc[2] }
	{ next_is_release = 0 }' | sort -u >"$APTDIR/sources.list"
[ -s "$APTDIR/sources.list" ] || die "apt has no Debian archive configured to take source packages from"
APT_SRC=(-o "Dir::Etc::SourceList=$APTDIR/sources.list" -o Dir::Etc::SourceParts=/nonexistent
	-o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache" -o Dir::Cache::pkgcache=
	-o Dir::Cache::srcpkgcache= -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")
apt-get "${APT_SRC[@]}" update -qq
DL=$STAGE/.download
mkdir -p "$DL"
llvm_src=$(dpkg-query -W -f='${source:Version}' "llvm-$LLVM_MAJOR-dev")
say "fetching Debian's llvm-toolchain-$LLVM_MAJOR $llvm_src and wasi-libc $WASI_LIBC_DEB_VERSION sources"
(cd "$DL" && apt-get "${APT_SRC[@]}" source --download-only -qq \
	"llvm-toolchain-$LLVM_MAJOR=$llvm_src" "wasi-libc=$WASI_LIBC_DEB_VERSION" >/dev/null) ||
	die "apt could not serve the pinned source packages (llvm-toolchain-$LLVM_MAJOR=$llvm_src, wasi-libc=$WASI_LIBC_DEB_VERSION)"

# compiler-rt's builtins only: TinyGo compiles them for each target it builds for.
orig=$(ls "$DL"/llvm-toolchain-"$LLVM_MAJOR"_*.orig.tar.xz)
top=$(basename "$orig" .orig.tar.xz)
mkdir -p "$STAGE/lib/compiler-rt-builtins"
tar -xJf "$orig" -C "$STAGE/lib/compiler-rt-builtins" --strip-components=4 "$top/compiler-rt/lib/builtins"

# wasi-libc as upstream released it (Debian's own patches change only its build), with
# the few fixes TinyGo 0.41's flags need for this 2022 snapshot (see wasi-libc.patch).
orig=$DL/wasi-libc_${WASI_LIBC_DEB_VERSION%-*}.orig.tar.xz
echo "$WASI_LIBC_ORIG_SHA256  $orig" | sha256sum -c --quiet - || die "wasi-libc's source is not the pinned one"
mkdir -p "$STAGE/lib/wasi-libc"
tar -xJf "$orig" -C "$STAGE/lib/wasi-libc" --strip-components=1
patch -s -p1 -d "$STAGE/lib/wasi-libc" <"$HERE/wasi-libc.patch"
rm -rf "$DL" "$APTDIR"

# TinyGo's own net package is a submodule the proxy does not serve: programs that import
# neither net nor net/http need only the folder.
mkdir -p "$STAGE/src/net"

# 4. Check, then swap in. TinyGo keeps the C libraries it compiled under names that do not
# change with their sources: drop them so that the new sources are used.
"$STAGE/bin/tinygo" version >/dev/null
tgcache=$("$STAGE/bin/tinygo" env GOCACHE)
rm -rf "$tgcache"/compiler-rt-* "$tgcache"/wasi-libc-* "$tgcache"/wasmbuiltins-*
echo "$STAMP" >"$STAGE/.installed"
rm -rf "$ROOT"
mv "$STAGE" "$ROOT"
trap - EXIT
say "installed $("$ROOT/bin/tinygo" version) in $ROOT ($(($(date +%s) - start)) s, $(du -sh "$ROOT" | cut -f1))"
