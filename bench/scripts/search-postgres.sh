#!/usr/bin/env bash
# The enterprise search benchmark (EnterpriseSearchBenchmarks) on SQLite and on PostgreSQL: starts a throw-away
# PostgreSQL cluster on a free loopback port, points ZJ_BENCH_PG at it, runs the benchmark, removes the cluster.
# Usage: bench/scripts/search-postgres.sh [BENCHMARKDOTNET ARGS]   (default: --filter '*EnterpriseSearchBenchmarks*';
#        --filter '*RollupBenchmarks*' for the warm roll-up). As root — PostgreSQL then runs as the postgres user — or as
#        a user who can run initdb.
set -euo pipefail
cd "$(dirname "$0")/../.."
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/zj-search-bench-XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then mkdir -p "$work/pg" && chown postgres "$work/pg"; fi
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$work/pg" start >/dev/null
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE zj_bench"
export ZJ_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=zj_bench"
if [ $# -eq 0 ]; then set -- --filter '*EnterpriseSearchBenchmarks*'; fi
dotnet run -c Release --project bench/Zhangjiang.Benchmarks -- "$@"
