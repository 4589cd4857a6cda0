#!/usr/bin/env bash
# Download size of every file the page loads from dist/: raw, gzip -9, brotli -q 11 (bytes).
# Run after scripts/build-web.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-36s %10s %10s %10s\n' file raw gzip-9 brotli-11
total=(0 0 0)
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-36s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
  total=($((total[0] + raw)) $((total[1] + gz)) $((total[2] + br)))
done
printf '%-36s %10d %10d %10d\n' total "${total[@]}"
