#!/usr/bin/env bash
# Load benchmark of the sharing API from loopback: save (POST /api/maps) and load
# (GET /api/maps/{id}) on the release server with SQLite and with PostgreSQL, beside a bare
# Axum baseline (server/examples/bare.rs) in the same run. Each is driven at a fixed rate
# (p50/p99 latency) and flat out (requests/s), a few times; the table shows medians.
#
#   bench/load.sh [--duration 10] [--repeats 3] [--rate 500] [--connections 16] [--chars 20000]
#                 [--sqlite-only] [--no-build] [--out DIR]
#
# --sqlite-only leaves PostgreSQL out; --no-build builds and installs nothing (the release server
# and baseline must be built, or given as $TRASEU_SERVER_BIN and $TRASEU_BARE_BIN, and oha
# installed); --out is where the reports go.
#
# Otherwise it installs what it lacks (oha, pinned, into bench/.tools; Debian's PostgreSQL through
# scripts/postgres.sh), builds the release server and the baseline, and writes every raw oha
# report to bench/results/load-<date>/. A benchmark, not a test: it asserts nothing, but exits
# 1 if any request got an unexpected status or error. About 8 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

duration=10 repeats=3 rate=500 connections=16 chars=20000 sqlite_only=0 build=1
out="bench/results/load-$(date +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
    case "$1" in
    --sqlite-only) sqlite_only=1; shift; continue ;;
    --no-build) build=0; shift; continue ;;
    --out) out="$2" ;;
    --duration) duration="$2" ;;
    --repeats) repeats="$2" ;;
    --rate) rate="$2" ;;
    --connections) connections="$2" ;;
    --chars) chars="$2" ;;
    *)
        sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
    esac
    shift 2
done
say() { printf '[load %4ss] %s\n' "$SECONDS" "$*" >&2; }

# oha, because `-q` sends at a constant rate whatever the answers' latency, and with
# `--latency-correction` a request's latency counts from when it was due, not from when a busy
# connection got round to it (no coordinated omission). wrk keeps a fixed number of requests
# in flight, so it cannot hold 500 req/s. oha will not build without a TLS backend; the
# system's OpenSSL (native-tls) builds much faster than its default, rustls with aws-lc.
OHA_VERSION=1.16.0
oha=bench/.tools/bin/oha
if [[ "$("$oha" --version 2>/dev/null)" != "oha $OHA_VERSION" ]]; then
    if [[ "$build" == 0 ]]; then
        say "oha $OHA_VERSION is not in bench/.tools and --no-build installs nothing"
        exit 3
    fi
    if ! dpkg -s libssl-dev pkg-config >/dev/null 2>&1; then
        say "installing Debian's libssl-dev and pkg-config (to build oha)"
        export DEBIAN_FRONTEND=noninteractive
        timeout 300 apt-get update -qq
        timeout 600 apt-get install -y -qq --no-install-recommends libssl-dev pkg-config >/dev/null
    fi
    say "installing oha $OHA_VERSION into bench/.tools (several minutes, once)"
    timeout 3600 cargo install --locked --quiet --force --no-default-features \
        --features native-tls --root bench/.tools "oha@$OHA_VERSION"
fi

server_bin="${TRASEU_SERVER_BIN:-target/release/server}"
bare_bin="${TRASEU_BARE_BIN:-target/release/examples/bare}"
if [[ -z "${TRASEU_LOAD_INNER:-}" ]]; then
    if [[ "$build" == 1 ]]; then
        say "building the release server and the baseline"
        cargo build --release -q -p server --bin server --example bare
    fi
    if [[ "$sqlite_only" == 0 ]]; then
        # The rest runs with a throwaway PostgreSQL up; postgres.sh removes it when we finish.
        export TRASEU_LOAD_INNER=1
        exec scripts/postgres.sh run -- "$0" --duration "$duration" --repeats "$repeats" \
            --rate "$rate" --connections "$connections" --chars "$chars" --out "$out" --no-build
    fi
fi
[[ "$sqlite_only" == 1 ]] || : "${TRASEU_TEST_POSTGRES_URL:?bench/load.sh runs its second half under scripts/postgres.sh}"

mkdir -p "$out"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/traseu-load.XXXXXX")"
pids=()
cleanup() {
    local status=$? pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT

# The server refuses to start without a front end to serve; the API needs none of it.
mkdir -p "$tmp/dist"
printf '<!doctype html><title>Traseu</title>\n' >"$tmp/dist/index.html"

# A stand-in for a map the browser encrypted: random bytes, as AES-GCM output is, so
# nothing along the way compresses them; $chars base64url characters (3 bytes per 4).
head -c $((chars * 3 / 4)) /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=' >"$tmp/ct"
printf '{"v":1,"ciphertext":"%s"}' "$(cat "$tmp/ct")" >"$tmp/save.json"

# Starts a server in the background (its output in $tmp) and sets `url` to the address it
# prints once it listens.
start() {
    local name="$1"
    shift
    # A new server of the same name must not be found at the address its predecessor printed.
    rm -f "$tmp/$name.out"
    "$@" >"$tmp/$name.out" 2>"$tmp/$name.log" &
    started=$!
    pids+=("$started")
    for _ in $(seq 100); do
        url="$(grep -o -m 1 'running at http://[0-9.:]*' "$tmp/$name.out" 2>/dev/null || true)"
        url="${url#running at }"
        [[ -n "$url" ]] && return 0
        sleep 0.1
    done
    cat "$tmp/$name.log" >&2
    say "$name did not start"
    exit 1
}
declare -A base
start bare "$bare_bin" --port 0 --ciphertext-chars "$chars"
base[bare]="$url"
# The real server as deployed (info logs, security headers, compression), but with the
# per-client rate limit, quota of new shares and storage cap off: every request here comes
# from one address, and the run shares far more than a person would.
server=("$server_bin" --port 0 --dist "$tmp/dist" --rate-limit 0 --create-quota 0 --storage-cap 0)

# Maps to load: 200 shared beforehand, fetched in random order, and one fetched to check its
# size. The baseline answers any id.
share() {
    local target="$1" got
    for _ in $(seq 200); do
        curl -sf -H 'content-type: application/json' --data-binary "@$tmp/save.json" \
            "${base[$target]}/api/maps" | jq -r .id
    done | sed "s|^|${base[$target]}/api/maps/|" >"$tmp/$target.urls"
    got="$(curl -sf "$(head -n 1 "$tmp/$target.urls")" | jq -r '.ciphertext | length')"
    [[ "$got" == "$chars" ]] || {
        say "$target answered a ${got:-missing} character ciphertext, not $chars"
        exit 1
    }
}

# Each repeat starts the SQLite server on a new, empty file, the last one deleted: the saves
# of a repeat (mostly its flat-out run) grow the file by a gigabyte or more, and the kernel
# writes those pages back for a while after, under the next repeat's syncs, so with one file
# the repeats measured ever bigger files on an ever busier disk. Deleting the file drops its
# pages unwritten. PostgreSQL keeps one database throughout.
sqlite_pid=
fresh_sqlite() {
    if [[ -n "$sqlite_pid" ]]; then
        kill "$sqlite_pid"
        wait "$sqlite_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp/sqlite"
    start sqlite "${server[@]}" --database-url "sqlite://$tmp/sqlite/traseu.db"
    sqlite_pid="$started"
    base[sqlite]="$url"
    share sqlite
}

fresh_sqlite
sed "s|^${base[sqlite]}|${base[bare]}|" "$tmp/sqlite.urls" >"$tmp/bare.urls"
targets=(bare sqlite)
if [[ "$sqlite_only" == 0 ]]; then
    start postgres "${server[@]}" --database-url "$TRASEU_TEST_POSTGRES_URL"
    base[postgres]="$url"
    targets+=(postgres)
    share postgres
fi

# One oha run: name, target, op (save|load), rate (0 = flat out), seconds.
run() {
    local name="$1" target="$2" op="$3" qps="$4" secs="$5" args
    args=(--no-tui --output-format json -o "$out/$name.json" -z "${secs}s" -w -c "$connections")
    [[ "$qps" -gt 0 ]] && args+=(-q "$qps" --latency-correction)
    if [[ "$op" == save ]]; then
        args+=(-m POST -T application/json -D "$tmp/save.json" "${base[$target]}/api/maps")
    else
        args+=(--urls-from-file "$tmp/$target.urls")
    fi
    timeout $((secs + 60)) "$oha" "${args[@]}" >/dev/null
}

say "oha $OHA_VERSION, ${duration}s per run, $repeats repeats, $connections connections, ${chars}-character ciphertext"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
# A discarded flat-out run of each operation, also on each new SQLite server.
warm() {
    local target="$1" op
    for op in save load; do run "warmup-$target-$op-$rep" "$target" "$op" 0 2; done
}
rep=1
for target in "${targets[@]}"; do warm "$target"; done
for rep in $(seq "$repeats"); do
    [[ "$rep" == 1 ]] || { fresh_sqlite; warm sqlite; }
    for target in "${targets[@]}"; do
        say "repeat $rep/$repeats: $target"
        for op in save load; do
            run "$target-$op-fixed-$rep" "$target" "$op" "$rate" "$duration"
            run "$target-$op-max-$rep" "$target" "$op" 0 "$duration"
        done
    done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

sqlite_mb="$(du -sm "$tmp/sqlite" | cut -f1)"
postgres=none
if [[ "$sqlite_only" == 0 ]]; then
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    postgres="$("$pg_bin/postgres" --version | awk '{print $3}')"
fi
cat >"$out/machine.txt" <<EOF
commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- server || echo ' (server/ modified)')
$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; load average $load_start at start, $load_end at end
oha $OHA_VERSION; PostgreSQL $postgres; SQLite file ${sqlite_mb} MB after the last repeat; server $server_bin
EOF

# Medians over the repeats. Every answer must be 201 (save) or 200 (load), with no errors.
node - "$out" "$repeats" "$rate" "${targets[@]}" <<'EOF'
const fs = require('fs');
const [dir, repeats, rate, ...targets] = process.argv.slice(2);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x, d = 2) => x.toFixed(d).padStart(8);
let bad = 0;
const summary = { rate: Number(rate), repeats: Number(repeats) };
const lines = [
  `target    op     fixed ${rate} req/s: p50 ms  p99 ms  achieved | flat out: req/s  p50 ms  p99 ms`,
];
for (const target of targets) {
  for (const op of ['save', 'load']) {
    const want = op === 'save' ? '201' : '200';
    const row = {};
    for (const mode of ['fixed', 'max']) {
      const runs = [];
      for (let rep = 1; rep <= Number(repeats); rep++) {
        const r = JSON.parse(fs.readFileSync(`${dir}/${target}-${op}-${mode}-${rep}.json`));
        const codes = Object.keys(r.statusCodeDistribution);
        const errors = Object.keys(r.errorDistribution);
        if (codes.some((c) => c !== want) || errors.length) {
          bad++;
          console.error(`${target} ${op} ${mode} #${rep}: status ${JSON.stringify(r.statusCodeDistribution)}, errors ${JSON.stringify(r.errorDistribution)}`);
        }
        runs.push(r);
      }
      row[mode] = {
        rps: median(runs.map((r) => r.summary.requestsPerSec)),
        p50: median(runs.map((r) => r.metrics.latency_ms.p50)),
        p99: median(runs.map((r) => r.metrics.latency_ms.p99)),
      };
    }
    (summary[target] ??= {})[op] = row;
    lines.push(
      `${target.padEnd(9)} ${op.padEnd(4)}             ${f(row.fixed.p50)}${f(row.fixed.p99)}${f(row.fixed.rps, 0)}  |  ${f(row.max.rps, 0)}${f(row.max.p50)}${f(row.max.p99)}`,
    );
  }
}
const table = lines.join('\n');
fs.writeFileSync(`${dir}/table.txt`, table + '\n');
fs.writeFileSync(`${dir}/summary.json`, JSON.stringify({ ...summary, bad }, null, 1) + '\n');
console.log(table);
process.exitCode = bad ? 1 : 0;
EOF
cat "$out/machine.txt"
say "raw reports in $out"
