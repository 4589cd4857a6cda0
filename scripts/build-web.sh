#!/usr/bin/env bash
# The release front end into dist/: small, whole-program optimised WebAssembly, no network.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release --offline --cargo-profile wasm-release
