#!/usr/bin/env bash
# A private, throw-away PostgreSQL for tests: its own data folder, 127.0.0.1 only, a free port,
# trust auth, fsync off (`start --durable`: PostgreSQL's durable defaults, for benchmarks). `start`
# prints shell assignments of ANNING_TEST_PG_URL and ANNING_TEST_PG_DIR (use:
# eval "$(scripts/test-postgres.sh start)"); `stop DIR` ends it and removes its folder.
set -euo pipefail
cmd=${1:-start}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2
  exit 1
fi
# runuser keeps the working directory, which the postgres user may not be allowed to enter.
cd /
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    # Settings on the command line outrank postgresql.conf and ALTER SYSTEM: a durable server must not get them.
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    # Durable, with the production settings the README recommends (Deploying on PostgreSQL).
    [ "${2:-}" = --durable ] && fast="-c shared_buffers=1GB -c wal_compression=lz4 -c max_wal_size=4GB -c checkpoint_timeout=15min"
    dir=$(mktemp -d /tmp/anning-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir $fast -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export ANNING_TEST_PG_DIR=$dir"
    echo "export ANNING_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: test-postgres.sh stop DIR}
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start [--durable] | stop DIR" >&2; exit 2 ;;
esac
