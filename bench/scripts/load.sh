#!/usr/bin/env bash
# The soak/load test: two web instances on one PostgreSQL (a throw-away cluster on loopback), demo data, a park manager
# signed in, and wrk driving a mix of pages and API calls against both instances for DURATION (default 300 s); then
# the ceiling, a static file from the same server. Prints p50/p95/p99 and errors per instance. Loopback only.
#
#   bench/scripts/load.sh [DURATION_SECONDS] [CONNECTIONS_PER_INSTANCE]      (defaults 300, 8)
#
# Needs the Debian packages wrk and postgresql (binaries under /usr/lib/postgresql). As root PostgreSQL runs as the
# postgres user. Figures go to docs/performance.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${1:-300}
connections=${2:-8}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/zj-load-XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "== PostgreSQL"
if [ "$(id -u)" = 0 ]; then mkdir -p "$work/pg" && chown postgres "$work/pg"; fi
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
port=$(free_port)
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$work/pg -c max_connections=300" start >/dev/null
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE zj_load"
export Database__Provider=Postgres
export Database__ConnectionString="Host=127.0.0.1;Port=$port;Username=postgres;Database=zj_load"

echo "== build (Release)"
dotnet publish src/Zhangjiang.Web -c Release -o "$work/web" --nologo -v quiet
dotnet publish src/Zhangjiang.Cli -c Release -o "$work/cli" --nologo -v quiet
zj() { dotnet "$work/cli/zj.dll" "$@"; }

echo "== data: migrations, demo evaluation rounds, 2,000 demo firms with 3 years of statistics"
zj db migrate >/dev/null
zj demo evaluation >/dev/null
(cd "$work" && zj demo enterprises --count 2000 --years 3 --seed 7 >/dev/null)
temporary=$(zj users create --user-name load-pm --display-name "Load test" --role ParkManager --park yangpu | awk '/Temporary password/ { sub(/.*sign-in\): */, ""); if ($0 == "") getline; print }' | tr -d '[:space:]')
[ -n "$temporary" ] || { echo "no temporary password printed" >&2; exit 1; }

echo "== two web instances"
ports=()
for i in 1 2; do
  p=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$p" ASPNETCORE_ENVIRONMENT=Production Security__SecureCookies=false Logging__LogLevel__Default=Warning \
    Database__MigrateOnStartup=false dotnet "$work/web/Zhangjiang.Web.dll" > "$work/web-$i.log" 2>&1 &
  pids+=($!)
  ports+=("$p")
done
for p in "${ports[@]}"; do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$p/health/ready" >/dev/null && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:$p/health/ready" >/dev/null || { echo "instance on $p not ready" >&2; cat "$work"/web-*.log >&2; exit 1; }
done

echo "== sign in (and change the temporary password) on instance 1; the session serves both"
base="http://127.0.0.1:${ports[0]}"
jar="$work/cookies"
token() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
sign_in() {
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "userName=load-pm" --data-urlencode "password=$1" -d "returnUrl=/" \
    --data-urlencode "__RequestVerificationToken=$(token /account/login)" "$base/account/login"
}
password="Load#Test2026xy"
sign_in "$temporary"
curl -s -o /dev/null -c "$jar" -b "$jar" -d "_handler=change-password" --data-urlencode "Input.Current=$temporary" \
  --data-urlencode "Input.New=$password" --data-urlencode "Input.Confirm=$password" \
  --data-urlencode "__RequestVerificationToken=$(token /account/change-password)" "$base/account/change-password"
sign_in "$password"
ZJ_LOAD_COOKIE="zj=$(awk '$6=="zj"{print $7}' "$jar" | tail -1)"
export ZJ_LOAD_COOKIE
[ "$ZJ_LOAD_COOKIE" != "zj=" ] || { echo "sign-in failed" >&2; exit 1; }
for p in "${ports[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $ZJ_LOAD_COOKIE" "http://127.0.0.1:$p/api/v1/plans")
  [ "$code" = 200 ] || { echo "instance $p answered $code to the signed-in session" >&2; exit 1; }
done

echo "== load: ${duration}s, $connections connections per instance, both instances at once"
for i in 0 1; do
  wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s -s bench/scripts/load-mix.lua "http://127.0.0.1:${ports[$i]}" > "$work/wrk-$i.txt" 2> "$work/wrk-$i.err" &
  waits[$i]=$!
done
wait "${waits[0]}" "${waits[1]}"
for i in 0 1; do echo "instance $((i + 1)): $(grep RESULT "$work/wrk-$i.txt")"; head -5 "$work/wrk-$i.err"; done

echo "== ceiling: a static file from instance 1, 30 s"
wrk -t2 -c"$((connections * 2))" -d30s --latency "http://127.0.0.1:${ports[0]}/favicon.svg" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" || true
echo "== errors in the web logs"
grep -ci " fail:\|exception" "$work"/web-*.log || true
