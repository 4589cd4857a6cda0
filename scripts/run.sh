#!/usr/bin/env bash
# Installs what is missing, builds the front end in release, and runs Traseu with a SQLite file
# under ./data/. Options go to the server: scripts/run.sh --port 8000 --bind 0.0.0.0 (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

scripts/setup.sh
scripts/build-web.sh
cargo build --release -p server
exec target/release/server "$@"
