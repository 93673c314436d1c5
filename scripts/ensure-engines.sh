#!/usr/bin/env bash
# The server tests run against real engines (issue 19): PostgreSQL (initdb and pg_ctl, with the
# unaccent extension), Redis, and nginx for the routing test. tests/engines/ starts and stops them
# for each run; this script only makes sure they are installed. Missing ones are installed from
# Debian's packages when this user can (root, or passwordless sudo); otherwise it says what to run.
set -euo pipefail

postgres_ok() {
  local bin="${POSTGRES_BIN:-}"
  if [ -z "$bin" ]; then
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] &&
    ls "$("$bin/pg_config" --sharedir 2>/dev/null || echo /nonexistent)"/extension/unaccent.control >/dev/null 2>&1
}
redis_ok() { command -v redis-server >/dev/null 2>&1; }
nginx_ok() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }

missing=()
postgres_ok || missing+=(postgresql)
redis_ok || missing+=(redis-server)
nginx_ok || missing+=(nginx)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} from Debian's packages for the server tests…"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

still=()
postgres_ok || still+=(postgresql)
redis_ok || still+=(redis-server)
nginx_ok || still+=(nginx)
if [ ${#still[@]} -gt 0 ]; then
  echo "The server tests need ${still[*]}. Install them with: sudo apt-get install -y ${still[*]}" >&2
  echo "(PostgreSQL 15 or newer with its unaccent extension; POSTGRES_BIN may name the folder holding initdb and pg_ctl)" >&2
  exit 1
fi
