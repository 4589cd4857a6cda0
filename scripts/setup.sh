#!/usr/bin/env bash
# Installs whatever Traseu needs that this machine lacks, and nothing it already has.
# Idempotent: when everything is present it finishes in about a second.
# Every step that may reach the network runs under a timeout, so it fails rather than hangs.
#
#   scripts/setup.sh         what running the app needs
#   scripts/setup.sh test    that, plus Chromium and the browser tests' npm packages
#
# Debian 12 (as root) with the package registries reachable. A cold run takes ~15-20 min,
# most of it compiling trunk.
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_TESTS=0
[ "${1:-}" = test ] && WANT_TESTS=1
TRUNK_VERSION=0.22.1
BINARYEN_NPM=132.0.0   # its wasm-opt reports version_132, the one Trunk.toml pins
# The release build's std (step 3b); scripts/build-web.sh reads the same path.
WASM_ABORT_SYSROOT="${XDG_CACHE_HOME:-$HOME/.cache}/traseu/sysroot-immediate-abort"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step=""
log() { step="$*"; printf '[setup %4ss] %s\n' "$SECONDS" "$*"; }
trap 'echo "setup failed during: ${step:-start} (see the messages above)" >&2' ERR

if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "setup needs root (or sudo) to install Debian packages" >&2; exit 1
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages. rustc-web is Debian's Rust 1.96 (LLVM 22), whose std sources let us build
#    the WebAssembly std below; lld-22 is its linker. Debian's binaryen is NOT used: its
#    wasm-opt 108 emits WebAssembly that fails at load time.
pkgs=(rustc-web cargo-web rust-web-src rust-web-clippy rustfmt-web lld-22 brotli nodejs npm)
[ "$WANT_TESTS" = 1 ] && pkgs+=(chromium chromium-driver openssl)  # openssl: the PostgreSQL test cluster's certificate
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# A machine may carry node and npm from elsewhere; they will do.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -ra missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  as_root timeout 300 apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  log "removing Debian's binaryen (its wasm-opt breaks the build)"
  as_root apt-get remove -y -q binaryen
fi

# 2. rustc looks for its WebAssembly linker as rust-lld in its own sysroot; Debian ships none.
lld_link=/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
if [ "$(readlink "$lld_link" 2>/dev/null)" != /usr/lib/llvm-22/bin/lld ]; then
  log "linking rust-lld to lld-22"
  as_root mkdir -p "$(dirname "$lld_link")"
  as_root ln -sfn /usr/lib/llvm-22/bin/lld "$lld_link"
fi

# 3. The wasm32 std, built once from rust-web-src by Debian's own rustc and put into its
#    sysroot, so plain `cargo build --target wasm32-unknown-unknown` works. Rebuilt when rustc
#    changes. -Zforce-unstable-if-unmarked keeps std's own dependencies private, as in an
#    official std; -Cembed-bitcode=yes keeps LTO working.
want="$(/usr/bin/rustc -vV | sha256sum | cut -c1-16)"
# build_wasm_std WHAT LIB_DIR AS (root|user) EXTRA_RUSTFLAGS CARGO_ARGS...
build_wasm_std() {
  local what=$1 lib=$2 as=$3 flags=$4 tmp rlibs; shift 4
  # A new rustc rebuilds both; new flags or cargo arguments, the release build's std.
  local stamp="$want${flags:+ $flags $*}"
  [ "$(cat "$lib/.rustc-stamp" 2>/dev/null)" = "$stamp" ] && return
  log "building $what (about a minute)"
  local run=(); [ "$as" = root ] && run=(as_root)
  tmp=$(mktemp -d); mkdir -p "$tmp/src"
  printf '[package]\nname="stdbuild"\nversion="0.0.0"\nedition="2021"\n[profile.release]\ncodegen-units=1\n' >"$tmp/Cargo.toml"
  echo '#![no_std]' >"$tmp/src/lib.rs"
  (cd "$tmp" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$tmp/target" \
    RUSTFLAGS="-Zforce-unstable-if-unmarked -Cembed-bitcode=yes $flags" \
    timeout 1800 /usr/bin/cargo build -q --release --target wasm32-unknown-unknown "$@")
  "${run[@]}" rm -rf "$lib"; "${run[@]}" mkdir -p "$lib"
  mapfile -t rlibs < <(find "$tmp/target/wasm32-unknown-unknown/release/deps" \
    -name 'lib*.rlib' ! -name 'libstdbuild-*')
  "${run[@]}" cp "${rlibs[@]}" "$lib/"
  echo "$stamp" | "${run[@]}" tee "$lib/.rustc-stamp" >/dev/null
  rm -rf "$tmp"
}
build_wasm_std "the wasm32 std" /usr/lib/rustlib/wasm32-unknown-unknown/lib root "" -Zbuild-std=std,panic_abort,test

# 3b. A second wasm32 std for the release front end only, in a sysroot of its own
#     (scripts/build-web.sh passes it with --sysroot): panic=immediate-abort makes every panic
#     a bare `unreachable`, with no formatting or panic hook, which shrinks the download
#     (bench/README.md, "Download size"). Every crate of that build must share the strategy.
#     Its one std feature, optimize_for_size, trades speed for size in std's generic code: a
#     plain merge sort and heapsort for driftsort and ipnsort, which are generated again for
#     every element type sorted; smaller integer formatting. Unwinding and backtraces it leaves out.
build_wasm_std "the immediate-abort wasm32 std" \
  "$WASM_ABORT_SYSROOT/lib/rustlib/wasm32-unknown-unknown/lib" user \
  "-Cpanic=immediate-abort -Zunstable-options" -Zbuild-std=std,panic_abort \
  -Zbuild-std-features=optimize_for_size

# 4. trunk. It declares rust-version 1.96.1; it builds and works on 1.96.0. Its own release
#    profile (fat LTO, one codegen unit) is what made it the longest step of a cold setup;
#    trunk only runs cargo and the tools, so it is built for a quick compile instead
#    (9 min 20 s on 2 busy cores; bench/README.md, "Setup time").
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (about 10 minutes)"
  RUSTC=/usr/bin/rustc CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 timeout 3600 /usr/bin/cargo install -q --locked \
    --ignore-rust-version trunk --version "$TRUNK_VERSION"
fi

# 5. wasm-bindgen-cli: exactly the wasm-bindgen version Cargo.lock resolves (Trunk.toml pins
#    the same). Its own lockfile may name crates the registry no longer serves, hence the
#    unlocked retry.
wbg=$(awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! grep -q "wasm_bindgen = \"$wbg\"" Trunk.toml; then
  echo "Trunk.toml's wasm_bindgen must equal Cargo.lock's wasm-bindgen $wbg" >&2; exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
  log "cargo install wasm-bindgen-cli $wbg (about 4 minutes)"
  RUSTC=/usr/bin/rustc timeout 1800 /usr/bin/cargo install -q --force --locked wasm-bindgen-cli --version "$wbg" ||
    RUSTC=/usr/bin/rustc timeout 1800 /usr/bin/cargo install -q --force wasm-bindgen-cli --version "$wbg"
fi

# 6. wasm-opt from npm's binaryen; Trunk would otherwise try to download one.
if ! wasm-opt --version 2>/dev/null | grep -q "version_${BINARYEN_NPM%%.*}"; then
  log "npm install -g binaryen@$BINARYEN_NPM"
  as_root timeout 300 npm install -g --no-audit --no-fund "binaryen@$BINARYEN_NPM"
fi

# 7. The workspace's crates, so builds (and `trunk build --offline`) need no network later.
stamp=target/.setup-fetched
if [ ! -f "$stamp" ] || [ Cargo.lock -nt "$stamp" ]; then
  log "cargo fetch"
  timeout 900 cargo fetch -q
  mkdir -p target && touch "$stamp"
fi

# 8. The browser tests' npm packages, exactly as locked (playwright-core drives Debian's
#    Chromium; it downloads no browser).
if [ "$WANT_TESTS" = 1 ]; then
  e2e_stamp=end2end/node_modules/.setup-stamp
  if [ ! -f "$e2e_stamp" ] || [ end2end/package-lock.json -nt "$e2e_stamp" ]; then
    log "npm ci in end2end/"
    (cd end2end && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
    touch "$e2e_stamp"
  fi
fi

log "ready: $(/usr/bin/rustc -V | cut -d' ' -f1-2), $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | cut -d' ' -f1-3)"
