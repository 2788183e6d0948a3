#!/usr/bin/env bash
# Load and fault run (bench/load/README.md): a throwaway PostgreSQL cluster of its own, the portal in Release on it
# with the demo data on 127.0.0.1, then two bounded runs of the load driver — plain, and with the database restarted
# in the middle. Stops and removes everything it started, whatever happens. Not part of CI.
#
# Usage: bench/load/run.sh [seconds] [connections]      (defaults: 60 s, 64 connections; run as root: it uses
# pg_createcluster/pg_ctlcluster and runuser postgres). Results: bench/load/results/{plain,restart}.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN=${1:-60}
CONNECTIONS=${2:-64}
RESULTS=bench/load/results
mkdir -p "$RESULTS"
WORK=$(mktemp -d)
PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
CLUSTER=kjflload
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PGPORT=$(free_port)
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
PORTAL_PID=""

cleanup() {
  if [ -n "$PORTAL_PID" ] && kill -0 "$PORTAL_PID" 2>/dev/null; then
    kill "$PORTAL_PID" 2>/dev/null || true
    wait "$PORTAL_PID" 2>/dev/null || true
  fi
  pg_dropcluster --stop "$PGVER" "$CLUSTER" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== a throwaway PostgreSQL $PGVER cluster '$CLUSTER' on port $PGPORT (the shared cluster is never restarted)"
pg_dropcluster --stop "$PGVER" "$CLUSTER" >/dev/null 2>&1 || true
pg_createcluster "$PGVER" "$CLUSTER" -p "$PGPORT" >/dev/null
pg_ctlcluster "$PGVER" "$CLUSTER" start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 1; done
runuser -u postgres -- psql -q -p "$PGPORT" -c "CREATE ROLE portal LOGIN PASSWORD 'portal' CREATEDB"
DB="Host=127.0.0.1;Port=$PGPORT;Username=portal;Password=portal;Database=kjfl_load"

# Outside Development the portal refuses to start without the personal-data keys (README, "Privacy"): a run on a
# throwaway database gets throwaway keys; for an existing database export the keys it was written with
# (Privacy__KeyFile, or Privacy__EncryptionKey and Privacy__HashKey) before running this script.
random_key() { python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'; }
if [ -z "${Privacy__KeyFile:-}" ]; then
  export Privacy__EncryptionKey="${Privacy__EncryptionKey:-$(random_key)}"
  export Privacy__HashKey="${Privacy__HashKey:-$(random_key)}"
fi

echo "== building the portal and the driver (Release)"
# Into a folder of its own: a portal already running from bin/Release (e.g. a scan) is not disturbed.
dotnet build -c Release src/Kaijiang.Federation.Web -o "$WORK/portal" -v quiet -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 2; }
dotnet build -c Release bench/load/Kaijiang.Federation.LoadTest -v quiet -nologo >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 2; }

echo "== starting the portal on $BASE (PostgreSQL, demo data)"
started=$(date +%s)
(
  cd src/Kaijiang.Federation.Web
  ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider=PostgreSql ConnectionStrings__Federation="$DB" \
  Seed__Demo=true Seed__Migrate=true Security__SignInPermitsPerMinute=100000 \
  Serilog__MinimumLevel__Default=Warning Serilog__WriteTo__1__Args__path="$WORK/logs/portal-.log" \
  exec dotnet "$WORK/portal/Kaijiang.Federation.Web.dll" --urls "$BASE"
) >"$WORK/portal.out" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "$BASE/Account/Login" 2>/dev/null && break
  kill -0 "$PORTAL_PID" 2>/dev/null || { tail -50 "$WORK/portal.out"; exit 2; }
  sleep 1
done
curl -fsS -o /dev/null "$BASE/Account/Login" || { echo "the portal did not start" >&2; tail -50 "$WORK/portal.out"; exit 2; }
echo "   ready after $(( $(date +%s) - started ))s"

DRIVER=bench/load/Kaijiang.Federation.LoadTest/bin/Release/net10.0/Kaijiang.Federation.LoadTest.dll
status=0
echo "== plain run: $CONNECTIONS connections, ${SECONDS_PER_RUN}s"
dotnet "$DRIVER" --url "$BASE" --db "$DB" --connections "$CONNECTIONS" --seconds "$SECONDS_PER_RUN" \
  --report "$RESULTS/plain.json" || status=1

echo "== database restart run: $CONNECTIONS connections, ${SECONDS_PER_RUN}s, PostgreSQL restarted at $((SECONDS_PER_RUN * 2 / 5))s"
dotnet "$DRIVER" --url "$BASE" --db "$DB" --connections "$CONNECTIONS" --seconds "$SECONDS_PER_RUN" \
  --restart-at "$((SECONDS_PER_RUN * 2 / 5))" --restart-command "pg_ctlcluster $PGVER $CLUSTER restart" \
  --report "$RESULTS/restart.json" || status=1

cp "$WORK"/logs/portal-*.log "$RESULTS/" 2>/dev/null || true
echo "== portal errors logged: $(cat "$WORK"/logs/portal-*.log 2>/dev/null | grep -c '\[ERR\]\|\[FTL\]' || true)"
grep -h -A1 '\[ERR\]\|\[FTL\]' "$WORK"/logs/portal-*.log 2>/dev/null | grep -o '^[A-Za-z.]*\(Exception\|Error\)[^.]*' | sort | uniq -c | sort -rn | head -10 || true
echo "== $( [ "$status" -eq 0 ] && echo PASS || echo FAIL )"
exit "$status"
