#!/usr/bin/env bash
# The release front end into dist/: small, whole-program optimised WebAssembly, no network.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# Size levers (bench/README.md, "Download size"): Leptos's `erase_components` makes every
# component and reactive closure one type, so the view code is generated once per output type
# rather than once per call site; `location-detail=none` drops the file names and lines panic
# messages would carry; `panic=immediate-abort` drops the panic machinery itself (every panic
# is a trap, no message, no hook), with the std built for it by scripts/setup.sh step 3b.
# Unstable flags, hence RUSTC_BOOTSTRAP for this build only. With trunk's --target these
# flags reach the wasm crates only, not build scripts or proc macros.
# Cargo does not see a std rebuilt in place: the std's stamp (its rustc, flags and features)
# goes into the metadata of every crate, so a new std rebuilds them rather than failing to
# link them against the one they were built with.
sysroot="${XDG_CACHE_HOME:-$HOME/.cache}/traseu/sysroot-immediate-abort"
stamp="$sysroot/lib/rustlib/wasm32-unknown-unknown/lib/.rustc-stamp"
if [ ! -f "$stamp" ]; then
  echo "no immediate-abort wasm32 std in $sysroot: run scripts/setup.sh" >&2; exit 1
fi
std_id=$(sha256sum "$stamp" | cut -c1-16)
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="--cfg erase_components -Zlocation-detail=none \
-Cpanic=immediate-abort -Zunstable-options --sysroot=$sysroot -Cmetadata=std-$std_id"
trunk build --release --offline --cargo-profile wasm-release "$@"
