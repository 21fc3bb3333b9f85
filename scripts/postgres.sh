#!/usr/bin/env bash
# Makes sure a local PostgreSQL server runs and has the test database; prints its URL.
# Uses Debian's postgresql cluster (installed, not running, on a fresh machine). Needs root or
# the postgres user; elsewhere set TEST_DATABASE_URL yourself.
set -euo pipefail
DB_NAME="${HDS_TEST_DB:-hds_test}"
if ! command -v pg_lsclusters >/dev/null; then
  echo "PostgreSQL is not installed: apt-get install postgresql, or set TEST_DATABASE_URL" >&2
  exit 1
fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
  echo "No PostgreSQL cluster found: pg_createcluster <version> main" >&2
  exit 1
fi
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi; }
as_postgres psql -p "$port" -qtAc "select 1 from pg_roles where rolname = 'hds'" | grep -q 1 \
  || as_postgres psql -p "$port" -qc "create role hds login password 'hds'" >&2
as_postgres psql -p "$port" -qtAc "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1 \
  || as_postgres psql -p "$port" -qc "create database $DB_NAME owner hds" >&2
echo "postgres://hds:hds@127.0.0.1:$port/$DB_NAME"
