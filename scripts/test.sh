#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: format, lints, unit and property
# tests, the release WebAssembly build, and the browser tests in Debian's Chromium against the
# real server. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
section() { printf '\n== %s ==\n' "$*"; }

section setup
scripts/setup.sh test

section "cargo fmt --check"
cargo fmt --all -- --check

section "cargo clippy -D warnings"
cargo clippy -q -p model -p server --all-targets -- -D warnings
cargo clippy -q -p app --target wasm32-unknown-unknown --all-targets -- -D warnings

section "unit and property tests (model, server on SQLite)"
cargo test -q -p model -p server

section "server tests again on PostgreSQL (throwaway cluster on loopback)"
scripts/postgres.sh run -- cargo test -q -p server

section "release WebAssembly build"
scripts/build-web.sh

section "browser tests (Chromium + Playwright, real server, real SQLite)"
cargo build -q -p server
(cd end2end && TRASEU_SERVER_BIN="$PWD/../target/debug/server" npm test)
