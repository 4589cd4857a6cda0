#!/usr/bin/env bash
# A throwaway PostgreSQL for the server's tests: a new cluster in a temporary folder, listening
# on 127.0.0.1 on a free port with a random password and TLS (a self-signed certificate made
# here with openssl), gone again when this script exits.
#
#   scripts/postgres.sh run -- cargo test -p server   # runs the command with
#                                                       # TRASEU_TEST_POSTGRES_URL set, then cleans up
#   scripts/postgres.sh serve                          # prints the URL, keeps it up until Ctrl+C
#
# Installs Debian's `postgresql` package first if it is missing (as root). The command's exit
# status is this script's; a cluster that cannot be started is an error, never a silent skip.
set -euo pipefail

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

mode="${1:-}"
case "$mode" in
run)
    shift
    [[ "${1:-}" == "--" ]] && shift
    if [[ $# -eq 0 ]]; then
        echo "postgres.sh run: no command given (scripts/postgres.sh run -- COMMAND...)" >&2
        exit 2
    fi
    ;;
serve) shift ;;
-h | --help | help)
    usage
    exit 0
    ;;
*)
    usage >&2
    exit 2
    ;;
esac

say() { printf 'postgres.sh: %s\n' "$*" >&2; }

find_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && printf '%s\n' "$dir"
}

bin="$(find_bin || true)"
if [[ -z "$bin" ]]; then
    if [[ "$(id -u)" -ne 0 ]]; then
        say "PostgreSQL is not installed; run as root to install Debian's postgresql package"
        exit 1
    fi
    say "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update -qq
    timeout 900 apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin="$(find_bin || true)"
    [[ -n "$bin" ]] || {
        say "postgresql was installed but no initdb was found under /usr/lib/postgresql"
        exit 1
    }
fi

# Root may not run PostgreSQL: the cluster belongs to the `postgres` user, then.
if [[ "$(id -u)" -eq 0 ]]; then
    as_owner=(runuser -u postgres --)
else
    as_owner=()
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/traseu-pg.XXXXXX")"
started=""
cleanup() {
    local status=$?
    if [[ -n "$started" ]]; then
        "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tmp/sock"
password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$password" >"$tmp/pwfile"
if [[ ${#as_owner[@]} -gt 0 ]]; then
    chown -R postgres: "$tmp"
fi
chmod 700 "$tmp"

"${as_owner[@]}" "$bin/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >"$tmp/initdb.log" 2>&1 || {
    cat "$tmp/initdb.log" >&2
    say "initdb failed"
    exit 1
}
rm -f "$tmp/pwfile"

# TLS with a throwaway self-signed certificate, so clients can test `sslmode=require`.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$tmp/data/server.key" -out "$tmp/data/server.crt" >"$tmp/openssl.log" 2>&1 || {
    cat "$tmp/openssl.log" >&2
    say "openssl could not make a certificate"
    exit 1
}
chmod 600 "$tmp/data/server.key"
if [[ ${#as_owner[@]} -gt 0 ]]; then
    chown postgres: "$tmp/data/server.key" "$tmp/data/server.crt"
fi

# A free port: try a few random ones (pg_ctl fails fast if one is taken).
port=""
for _ in 1 2 3 4 5 6 7 8; do
    candidate=$((20000 + RANDOM % 40000))
    if "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $candidate -c unix_socket_directories=$tmp/sock -c ssl=on" \
        start >/dev/null 2>&1; then
        port="$candidate"
        started=1
        break
    fi
done
if [[ -z "$port" ]]; then
    cat "$tmp/server.log" >&2 || true
    say "PostgreSQL did not start"
    exit 1
fi

PGPASSWORD="$password" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -c "CREATE DATABASE traseu" >/dev/null

url="postgres://postgres:$password@127.0.0.1:$port/traseu"
export TRASEU_TEST_POSTGRES_URL="$url"
say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port with TLS (data in $tmp)"

if [[ "$mode" == "serve" ]]; then
    printf 'TRASEU_TEST_POSTGRES_URL=%s\n' "$url"
    say "up until Ctrl+C"
    while true; do sleep 3600; done
fi

set +e
"$@"
status=$?
set -e
exit "$status"
