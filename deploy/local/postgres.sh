#!/usr/bin/env bash
# A throwaway local PostgreSQL for tests and `./run.sh --durable`: start | stop | url.
# Data lives in .data/postgres (git-ignored). When run as root the server runs as the `postgres` user.
# TCP connections need the password (RC_PG_PASSWORD, default "recovery"), so a wrong one is refused as in production.
# RC_PG_DATA and RC_PG_PORT start a second, independent server (the fault tests restart their own).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${RC_PG_DATA:-$root/.data/postgres}"
port="${RC_PG_PORT:-55432}"
password="${RC_PG_PASSWORD:-recovery}"
log="$data.log"

find_bin() {
  local name="$1"
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && echo "$candidate"
}

ensure_installed() {
  if [ -n "$(find_bin initdb)" ]; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL is missing: installing it with apt-get." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL server binaries (initdb, pg_ctl) are missing: install PostgreSQL 15+ (Debian: apt-get install postgresql)." >&2
    exit 1
  fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  ensure_installed
  local initdb pg_ctl pg_isready
  initdb=$(find_bin initdb); pg_ctl=$(find_bin pg_ctl); pg_isready=$(find_bin pg_isready)
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  mkdir -p "$(dirname "$data")"
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data" "$(dirname "$data")"
    local pwfile="$data.pw"
    printf '%s\n' "$password" > "$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    as_owner "$initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" \
      --encoding=UTF8 --locale=C >/dev/null
    rm -f "$pwfile"
  fi
  [ "$(id -u)" = 0 ] && { touch "$log"; chown postgres "$log"; }
  if ! as_owner "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=on -c max_connections=200" start >/dev/null
  fi
  for _ in $(seq 1 60); do
    if "$pg_isready" -h 127.0.0.1 -p "$port" -q; then return 0; fi
    sleep 0.5
  done
  echo "PostgreSQL did not accept connections on 127.0.0.1:$port; see $log" >&2
  exit 1
}

stop() {
  local pg_ctl
  pg_ctl=$(find_bin pg_ctl)
  if [ -n "$pg_ctl" ] && [ -s "$data/PG_VERSION" ]; then
    as_owner "$pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# Creates the named database unless it exists (as the server's owner, over the local socket).
createdb() {
  local name="$1" psql
  psql=$(find_bin psql)
  if ! as_owner "$psql" -h /tmp -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    as_owner "$psql" -h /tmp -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

url() {
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=${1:-postgres}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url "${2:-}" ;;
  createdb) createdb "${2:?usage: $0 createdb NAME}" ;;
  *) echo "usage: $0 start|stop|url [DB]|createdb DB" >&2; exit 2 ;;
esac
