#!/usr/bin/env bash
# The portal's benchmark: publishes it in Release, starts it on 127.0.0.1 and a free port, signs in as one user,
# warms up, drives each page of a page list with wrk for a fixed time and prints a table; stops the portal at the
# end (also on Ctrl-C or an error). Not a test, not run in CI. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

provider="Sqlite"
connection=""
user="county.staff"
password="Kaijiang-Demo-2026"
pages="$here/pages/demo-county.txt"
duration="10s"
warmup="3s"
connections=16
threads=2
publish=1
keep=0
out_dir=""
language="zh-CN"
import_rows=0
import_into="新宁镇"

usage() {
  cat <<USAGE
usage: bench/run.sh [options]
  --provider Sqlite|PostgreSql   database provider (default Sqlite)
  --connection "..."             connection string of an EXISTING database (default: a fresh demo county,
                                 SQLite, in a temporary folder)
  --user NAME --password PW      who signs in (default county.staff / the demo password)
  --pages FILE                   page list: "name  path" per line (default bench/pages/demo-county.txt)
  --duration 10s --warmup 3s     wrk time per page for the measurement / the warm-up
  --connections 16 --threads 2   wrk connections and threads
  --no-publish                   reuse the last Release build in the output folder
  --out DIR                      where the build, data, logs and wrk outputs go (default \$TMPDIR/kjfl-bench)
  --keep                         keep the fresh database and logs afterwards
  --import-rows N                after the pages, time a roster import of N new executive members (upload +
                                 validate, preview page, commit) into the villages of --import-into
                                 (default 新宁镇); needs the fresh demo county (SQLite) and the user's right to import
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --connection) connection="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --pages) pages="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --no-publish) publish=0; shift ;;
    --out) out_dir="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --import-rows) import_rows="$2"; shift 2 ;;
    --import-into) import_into="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 1; }
[[ -f "$pages" ]] || { echo "no page list: $pages" >&2; exit 1; }
if (( import_rows > 0 )) && [[ -n "$connection" ]]; then
  echo "--import-rows needs the fresh demo county (no --connection)" >&2; exit 2
fi
if [[ "$provider" != "Sqlite" && -z "$connection" ]]; then
  echo "--provider $provider needs --connection to an existing database" >&2; exit 2
fi

out_dir="${out_dir:-${TMPDIR:-/tmp}/kjfl-bench}"
build="$out_dir/publish"
run="$(mktemp -d "${out_dir%/}.run.XXXXXX")"
mkdir -p "$out_dir" "$run/logs" "$run/wrk"
server_pid=""

stop_portal() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

cleanup() {
  stop_portal
  if [[ "$keep" == 1 ]]; then
    echo "kept: $run"
  else
    rm -rf "$run"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$publish" == 1 || ! -f "$build/Kaijiang.Federation.Web.dll" ]]; then
  echo "== publishing Release to $build"
  # ReadyToRun: precompiled code, less JIT at start-up (docs/performance.md); the same as docs/operations.md.
  dotnet publish "$repo/src/Kaijiang.Federation.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$build" -nologo -v q >"$run/publish.log" 2>&1 \
    || { cat "$run/publish.log" >&2; exit 1; }
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"

# Outside Development the portal refuses to start without the personal-data keys (README, "Privacy"): a run on a
# throwaway database gets throwaway keys; for an existing database export the keys it was written with
# (Privacy__KeyFile, or Privacy__EncryptionKey and Privacy__HashKey) before running this script.
random_key() { python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'; }
if [ -z "${Privacy__KeyFile:-}" ]; then
  export Privacy__EncryptionKey="${Privacy__EncryptionKey:-$(random_key)}"
  export Privacy__HashKey="${Privacy__HashKey:-$(random_key)}"
fi

# Starts the portal in the background (Production settings, logs into the run folder); sets server_pid.
start_portal() {
  local seed="$1"
  (
    cd "$build"
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$base"
    export Database__Provider="$provider"
    export Database__DataFolder="$run/data"
    export ConnectionStrings__Federation="$connection"
    export Seed__Demo="$seed"
    # One sign-in per page measured, all from 127.0.0.1: more than the default 10 a minute.
    export Security__SignInPermitsPerMinute=1000
    export Serilog__WriteTo__1__Args__path="$run/logs/portal-.log"
    exec dotnet Kaijiang.Federation.Web.dll >>"$run/logs/console.log" 2>&1
  ) &
  server_pid=$!
}

# Waits for /health to answer 200; prints the seconds since $1 (a `date +%s.%N` taken just before the start).
wait_healthy() {
  local started="$1" limit="$2"
  while true; do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health" || true)" == 200 ]]; then
      python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$started" "$(date +%s.%N)"
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the portal stopped; its console:" >&2; tail -40 "$run/logs/console.log" >&2; return 1
    fi
    if python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) - float(sys.argv[1]) > float(sys.argv[3]) else 1)" "$started" "$(date +%s.%N)" "$limit"; then
      echo "the portal was not healthy within ${limit}s" >&2; tail -40 "$run/logs/console.log" >&2; return 1
    fi
    sleep 0.05
  done
}

first_start=""
if [[ -z "$connection" ]]; then
  echo "== first start: a fresh demo county (migrate + seed) in $run/data"
  t0="$(date +%s.%N)"; start_portal true
  first_start="$(wait_healthy "$t0" 300)"
  stop_portal
fi

echo "== start on the existing database ($provider)"
t0="$(date +%s.%N)"; start_portal false
start_to_healthy="$(wait_healthy "$t0" 120)"
echo "   start to healthy: ${start_to_healthy}s"

# Signs in as $user; sets $cookie, the cookie jar as one Cookie header for wrk (Netscape format; HttpOnly cookies
# carry a "#HttpOnly_" prefix). A fresh sign-in for each page: the portal re-checks a session against its account
# once a minute (Security:SessionCheckSeconds) and then renews the cookie, which a browser keeps and wrk does not:
# with a cookie older than that, every request would be re-checked.
jar="$run/cookies.txt"
sign_in() {
  rm -f "$jar"
  local page token status
  page="$(curl -s -c "$jar" -b "$jar" -H "Accept-Language: $language" "$base/Account/Login")"
  token="$(printf '%s' "$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
  [[ -n "$token" ]] || { echo "no anti-forgery token on the sign-in page" >&2; return 1; }
  status="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" -H "Accept-Language: $language" \
    --data-urlencode "UserName=$user" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" \
    "$base/Account/Login")"
  [[ "$status" == 302* && "$status" != *Login* && "$status" != *ChangePassword* && "$status" != *TwoFactor* ]] \
    || { echo "sign-in as $user failed: $status" >&2; return 1; }
  cookie="$(awk -F'\t' 'NF>=7 && ($0 !~ /^#/ || $0 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
}

echo "== signing in as $user"
sign_in

names=(); paths=()
while read -r name path _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name"); paths+=("$path")
done <"$pages"

echo "== checking every page answers 200"
for i in "${!names[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H "Accept-Language: $language" "$base${paths[$i]}")"
  [[ "$code" == 200 ]] || { echo "${names[$i]} (${paths[$i]}) answered $code" >&2; exit 1; }
done

# One wrk run; $1 = label, $2 = path, $3 = duration, $4 = connections, $5 = cookie ("" = anonymous).
drive() {
  local label="$1" path="$2" d="$3" c="$4" ck="$5" t="$threads"
  (( c < t )) && t="$c"
  local args=(-t "$t" -c "$c" -d "$d" --latency -s "$here/count-status.lua" -H "Accept-Language: $language")
  [[ -n "$ck" ]] && args+=(-H "Cookie: $ck")
  wrk "${args[@]}" "$base$path" >"$run/wrk/$label.txt" 2>&1
}

echo "== warming up (${warmup}) and measuring (${duration}, $connections connections, $threads threads) each page"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The whole portal warms up first: every page of the list for --warmup. The code all pages share (middleware,
# authentication, layout, EF) is compiled again, optimised, after it has run a while (tiered JIT); without this pass
# the first page measured paid for it (the dashboard measured 590 req/s first and 953 req/s last in one run).
sign_in
for i in "${!names[@]}"; do
  drive "prewarm-${names[$i]}" "${paths[$i]}" "$warmup" 4 "$cookie"
done
drive warmup-signin /Account/Login "$warmup" 4 ""
drive signin /Account/Login "$duration" "$connections" ""
for i in "${!names[@]}"; do
  sign_in
  drive "warmup-${names[$i]}" "${paths[$i]}" "$warmup" 4 "$cookie"
  drive "${names[$i]}" "${paths[$i]}" "$duration" "$connections" "$cookie"
done

peak_kib="$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")"
rss_kib="$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

import_report=""
if (( import_rows > 0 )); then
  echo "== roster import of $import_rows rows into the villages of $import_into"
  db="$run/data/federation.db"
  sql() { sqlite3 -batch -noheader "$db" "$1"; }
  into_id="$(sql "select Id from Organisations where Name = '$import_into';")"
  into_path="$(sql "select Path from Organisations where Id = $into_id;")"
  mapfile -t villages < <(sql "select Name from Organisations where Path like '$into_path%' and Path <> '$into_path' and ClosedOn is null group by Name having count(*) = 1 order by Name;")
  sheet="$run/roster-$import_rows.xlsx"
  python3 "$here/roster-sheet.py" "$sheet" "$import_rows" "${villages[@]}" >/dev/null
  people_before="$(sql "select count(*) from People;")"
  now() { date +%s.%N; }
  secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
  form_token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
  token="$(curl -s -b "$jar" -c "$jar" "$base/RosterImport?organisationId=$into_id" | form_token)"
  t0="$(now)"
  upload="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" -H "Accept-Language: $language" \
    -F "__RequestVerificationToken=$token" -F "organisationId=$into_id" \
    -F "file=@$sheet;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;filename=roster.xlsx" \
    "$base/RosterImport/Upload")"
  t1="$(now)"
  hwm() { echo "$(( $(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status") / 1024 ))"; }
  hwm_upload="$(hwm)"
  [[ "$upload" == "302 "*Preview* ]] || { echo "the upload was refused: $upload" >&2; exit 1; }
  preview_url="${upload#302 }"
  preview="$(curl -s -b "$jar" -c "$jar" -H "Accept-Language: $language" "$preview_url")"
  t2="$(now)"
  hwm_preview="$(hwm)"
  grep -q "data-action=\"Create\" data-count=\"$import_rows\"" <<<"$preview" \
    || { echo "the preview does not show $import_rows new rows (problems in the sheet?)" >&2; exit 1; }
  token="$(form_token <<<"$preview")"
  commit="$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -H "Accept-Language: $language" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/RosterImport/Commit/${preview_url##*/}")"
  t3="$(now)"
  [[ "$commit" == 302 ]] || { echo "the commit answered $commit" >&2; exit 1; }
  added="$(( $(sql "select count(*) from People;") - people_before ))"
  import_report="roster import of $import_rows rows ($(( $(stat -c %s "$sheet") / 1024 )) KiB): upload + read + validate $(secs "$t0" "$t1") s, preview page $(secs "$t1" "$t2") s, commit $(secs "$t2" "$t3") s; validated and committed: $(secs "$t0" "$t1") + $(secs "$t2" "$t3") s; people added: $added"
  import_peak_kib="$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")"
  import_report+=$'\n'"peak working set after the import: $((import_peak_kib / 1024)) MiB (after the upload: $hwm_upload MiB, after the preview page: $hwm_preview MiB)"
fi

python3 - "$run/wrk" signin "${names[@]}" <<'PY'
import re, sys, os
folder, names = sys.argv[1], sys.argv[2:]
def ms(text):
    value, unit = float(re.match(r"([\d.]+)", text).group(1)), re.match(r"[\d.]+(\w+)", text).group(1)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rows = []
for name in names:
    text = open(os.path.join(folder, name + ".txt")).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    bad = int(re.search(r"^non-2xx (\d+)", text, re.M).group(1))
    err = re.search(r"Socket errors: (.*)", text)
    rows.append((name, rps, p50, p99, bad, err.group(1) if err else ""))
reference = rows[0][1]
print()
print(f"{'page':<14}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}{'vs sign-in':>12}  socket errors")
for name, rps, p50, p99, bad, err in rows:
    print(f"{name:<14}{rps:>10.1f}{p50:>10.2f}{p99:>10.2f}{bad:>9}{rps / reference:>11.0%}  {err}")
PY
echo
[[ -n "$first_start" ]] && echo "first start (migrate + seed the demo county) to healthy: ${first_start}s"
echo "start to healthy on the existing database: ${start_to_healthy}s"
echo "server peak working set (VmHWM): $((peak_kib / 1024)) MiB; resident at the end: $((rss_kib / 1024)) MiB"
[[ -n "$import_report" ]] && echo "$import_report"
echo "load average at the end of the pages: $load_after; $(nproc) cores"
