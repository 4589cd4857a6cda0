#!/usr/bin/env bash
# Fuzzes loading a map: `format::from_json` on any text, `sealed::open` on a shared map as a
# reader's browser receives it, `mermaid::from_mermaid` on any text (then its export read
# back), `csv::from_csv` on any text (then writes what it read and reads that back) and
# `file::import_json` on any text (then exports what it imported and imports that back). Not
# part of the test command; run it by hand:
#   fuzz/run.sh [SECONDS_PER_TARGET]   (default 60)
# Installs cargo-fuzz once (`cargo install`). The toolchain is Debian's stable rustc, so
# RUSTC_BOOTSTRAP=1 lets it take the nightly flags libFuzzer's instrumentation needs; it ships
# no AddressSanitizer runtime, and the model has no unsafe code, so targets run without one.
# Prints each target's executions and findings; exits non-zero if a target found a crash.
set -euo pipefail

seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi

export RUSTC_BOOTSTRAP=1
# Seeds: the frozen fixtures, as text and as a shared map's document (first byte 2: see
# fuzz_targets/open_sealed.rs), the Mermaid journeys and the CSV files the model's tests read;
# the JSON fixtures seed the file import too.
mkdir -p corpus/from_json corpus/open_sealed corpus/from_mermaid corpus/from_csv corpus/import_json
for fixture in ../model/tests/fixtures/*/*.json; do
  name="$(basename "$(dirname "$fixture")")-$(basename "$fixture")"
  cp "$fixture" "corpus/from_json/$name"
  cp "$fixture" "corpus/import_json/$name"
  { printf '\002'; cat "$fixture"; } > "corpus/open_sealed/$name"
done
cp ../model/tests/fixtures/mermaid/*.mmd corpus/from_mermaid/
cp ../model/tests/fixtures/csv/*.csv corpus/from_csv/

cargo fuzz build --sanitizer none --release

status=0
for target in from_json open_sealed from_mermaid from_csv import_json; do
  log="$(mktemp)"
  failed=0
  if cargo fuzz run --sanitizer none --release "$target" -- \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 \
      >"$log" 2>&1; then
    found="none"
  else
    found="$(ls artifacts/"$target" 2>/dev/null | tr '\n' ' ')"
    found="${found:-the run failed; see below}"
    failed=1
    status=1
  fi
  runs="$(grep -oP 'stat::number_of_executed_units:\s*\K\d+' "$log" || echo '?')"
  echo "$target: ${seconds}s, $runs executions, findings: $found"
  if [ "$failed" -ne 0 ]; then tail -n 40 "$log"; fi
  rm -f "$log"
done
exit "$status"
