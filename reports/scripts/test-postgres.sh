#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on loopback for the reports tests, from the Debian
# `postgresql` package. Usage:
#   eval "$(reports/scripts/test-postgres.sh start)"   # prints the STEPDPO_TEST_PG_* exports
#   reports/scripts/test-postgres.sh stop
# Environment: STEPDPO_TEST_PG_DIR (default /tmp/stepdpo-pg), STEPDPO_TEST_PG_PORT (default 55432).
# Installs the package when it is missing and we are root (apt-get install -y postgresql).
set -euo pipefail

dir="${STEPDPO_TEST_PG_DIR:-/tmp/stepdpo-pg}"
port="${STEPDPO_TEST_PG_PORT:-55432}"

bin_dir() {
    local ctl
    ctl="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [[ -z "$ctl" ]]; then
        if [[ "$(id -u)" -ne 0 ]]; then
            echo "PostgreSQL is not installed; run: apt-get install -y postgresql" >&2
            exit 1
        fi
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        ctl="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    echo "$ctl"
}

# The server refuses to run as root: run its commands as the package's `postgres` user then.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

case "${1:-}" in
start)
    bin="$(bin_dir)"
    mkdir -p "$dir"
    [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" start >&2 \
            || { cat "$dir/server.log" >&2; exit 1; }
    fi
    psql() { command psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    if [[ -z "$(psql -c "SELECT 1 FROM pg_roles WHERE rolname = 'stepdpo'")" ]]; then
        psql -c "CREATE ROLE stepdpo LOGIN PASSWORD 'stepdpo'" >&2
    fi
    if [[ -z "$(psql -c "SELECT 1 FROM pg_database WHERE datname = 'stepdpo'")" ]]; then
        psql -c "CREATE DATABASE stepdpo OWNER stepdpo" >&2
    fi
    echo "export STEPDPO_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/stepdpo"
    echo "export STEPDPO_TEST_PG_USER=stepdpo"
    echo "export STEPDPO_TEST_PG_PASSWORD=stepdpo"
    ;;
stop)
    bin="$(bin_dir)"
    if [[ -f "$dir/data/PG_VERSION" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
