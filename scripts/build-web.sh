#!/usr/bin/env bash
# The release front end into dist/: small, whole-program optimised WebAssembly, no network.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# Size levers (bench/README.md, "Download size"): Leptos's `erase_components` makes every
# component and reactive closure one type, so the view code is generated once per output type
# rather than once per call site; `location-detail=none` drops the file names and lines panic
# messages would carry (the release build aborts on panic and shows none). The second is an
# unstable flag, hence RUSTC_BOOTSTRAP for this build only.
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="--cfg erase_components -Zlocation-detail=none"
trunk build --release --offline --cargo-profile wasm-release "$@"
