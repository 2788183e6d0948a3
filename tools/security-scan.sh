#!/usr/bin/env bash
# Scans the portal with Debian's wapiti as a signed-in county staff user (docs/security.md, "Scan").
#
# Builds and starts the portal in Release on a throwaway SQLite demo database on 127.0.0.1 (a free port), signs in
# as county.staff with curl (anti-forgery token included), hands the session cookie to wapiti, excludes the
# sign-out URL so the session survives, and runs the injection modules (xss, permanentxss, sql, blindsql, exec,
# file, redirect) and the configuration modules (csp, http_headers, cookieflags), time-bounded.
#
# Excluded from the scan: sign-out, sign-in, password change and two-factor pages (they would end the session: a new
# security stamp signs the scanner out). Exit status: 0 when the injection modules found nothing and no page answered a 5xx ("Internal Server Error"
# anomaly); 1 otherwise; 2 when the portal or the scan could not run. Findings of csp/http_headers/cookieflags are
# printed, not fatal (cookies are Secure only over HTTPS; the scan runs over http).
#
# Usage: tools/security-scan.sh [report.json]     (default: TestResults/security-scan.json)
# Environment: SCAN_MAX_SECONDS (default 120) bounds wapiti's crawl; SCAN_ATTACK_SECONDS (default 45) each attack
# module (7 of them): about 8 minutes of scanning on a 2-core machine, plus the build.
set -euo pipefail
cd "$(dirname "$0")/.."

REPORT=${1:-TestResults/security-scan.json}
MAX_SCAN=${SCAN_MAX_SECONDS:-120}
MAX_ATTACK=${SCAN_ATTACK_SECONDS:-45}
command -v wapiti >/dev/null || { echo "wapiti is not installed (apt-get install wapiti)" >&2; exit 2; }

WORK=$(mktemp -d)
PORTAL_PID=""
cleanup() {
  if [ -n "$PORTAL_PID" ] && kill -0 "$PORTAL_PID" 2>/dev/null; then
    kill "$PORTAL_PID" 2>/dev/null || true
    wait "$PORTAL_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
started=$(date +%s)

# Outside Development the portal refuses to start without the personal-data keys (README, "Privacy"): a run on a
# throwaway database gets throwaway keys; for an existing database export the keys it was written with
# (Privacy__KeyFile, or Privacy__EncryptionKey and Privacy__HashKey) before running this script.
random_key() { python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'; }
if [ -z "${Privacy__KeyFile:-}" ]; then
  export Privacy__EncryptionKey="${Privacy__EncryptionKey:-$(random_key)}"
  export Privacy__HashKey="${Privacy__HashKey:-$(random_key)}"
fi

echo "== building the portal (Release)"
dotnet build -c Release src/Kaijiang.Federation.Web -v quiet -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 2; }

echo "== starting the portal on $BASE (throwaway SQLite demo database)"
(
  cd src/Kaijiang.Federation.Web
  ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider=Sqlite Database__DataFolder="$WORK/data" ConnectionStrings__Federation="" \
  Seed__Demo=true Seed__Migrate=true Security__SignInPermitsPerMinute=100000 \
  Serilog__WriteTo__1__Args__path="$WORK/logs/portal-.log" \
  exec dotnet bin/Release/net10.0/Kaijiang.Federation.Web.dll --urls "$BASE"
) >"$WORK/portal.out" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$BASE/Account/Login" 2>/dev/null && break
  kill -0 "$PORTAL_PID" 2>/dev/null || { cat "$WORK/portal.out"; exit 2; }
  sleep 1
done
curl -fsS -o /dev/null "$BASE/Account/Login" || { echo "the portal did not start" >&2; tail -50 "$WORK/portal.out"; exit 2; }

echo "== signing in as county.staff"
JAR="$WORK/cookies.txt"
TOKEN=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/Account/Login" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$TOKEN" ] || { echo "no anti-forgery token on the sign-in page" >&2; exit 2; }
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
  --data-urlencode "UserName=county.staff" --data-urlencode "Password=Kaijiang-Demo-2026" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "$BASE/Account/Login")
COOKIE=$(awk -F'\t' 'NF >= 7 && $6 != "" { printf "%s%s=%s", sep, $6, $7; sep="; " }' <(sed 's/^#HttpOnly_//' "$JAR"))
case "$COOKIE" in *kjfl.auth=*) ;; *) echo "sign-in failed (HTTP $STATUS)" >&2; exit 2 ;; esac
curl -fsS -o /dev/null -H "Cookie: $COOKIE" "$BASE/" || { echo "the session cookie does not open the dashboard" >&2; exit 2; }

echo "== the cookies the portal sets (wapiti's cookieflags module looks for \"HttpOnly\" case-sensitively; ASP.NET Core writes \"httponly\")"
curl -sS -D - -o /dev/null -b "$JAR" "$BASE/Account/Login" | grep -i '^set-cookie' | sed 's/=[^;]*;/=…;/' || true

echo "== wapiti (crawl at most ${MAX_SCAN}s, each module at most ${MAX_ATTACK}s)"
mkdir -p "$(dirname "$REPORT")"
# Debian's wapiti 3.0.4 compiles every -x pattern with a trailing "(?ms)", which Python 3.11 rejects ("global flags
# not at the start"): run it with that one function replaced by the same pattern, flags first.
WAPITI_PYTHON=$(head -1 "$(command -v wapiti)" | sed 's/^#! *//; s/ .*//')
"$WAPITI_PYTHON" - -u "$BASE/" --scope folder \
  -H "Cookie: $COOKIE" \
  -x "$BASE/Account/Logout" -x "$BASE/Account/Login*" -x "$BASE/Account/ChangePassword*" -x "$BASE/TwoFactor/*" \
  -m "xss,permanentxss,sql,blindsql,exec,file,redirect,csp,http_headers,cookieflags" \
  --max-scan-time "$MAX_SCAN" --max-attack-time "$MAX_ATTACK" -d 4 --max-links-per-page 40 --max-files-per-dir 30 \
  --flush-session --store-session "$WORK/session" --store-config "$WORK/config" \
  -t 10 -v 1 --no-bugreport -f json -o "$REPORT" >"$WORK/wapiti.out" 2>&1 <<'PY' || { tail -40 "$WORK/wapiti.out"; exit 2; }
import re, sys
import wapitiCore.net.crawler as crawler
crawler.wildcard_translate = lambda pattern: re.compile(
    "(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
PY

# The session must have survived the scan, or the authenticated pages were not scanned.
SURVIVED=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/")
elapsed=$(( $(date +%s) - started ))

python3 - "$REPORT" "$SURVIVED" "$elapsed" <<'PY'
import json, sys
report, survived, elapsed = sys.argv[1], sys.argv[2], sys.argv[3]
data = json.load(open(report))
vulns, anomalies = data.get("vulnerabilities", {}), data.get("anomalies", {})
fatal = ["Cross Site Scripting", "SQL Injection", "Blind SQL Injection", "Command execution", "Path Traversal",
         "Open Redirect"]
printed = ["Content Security Policy Configuration", "HTTP Secure Headers", "HttpOnly Flag cookie", "Secure Flag cookie"]
print(f"wapiti finished in {elapsed}s total (build + start + scan); session after scan: HTTP {survived}")
failures = 0
for name in fatal + ["Internal Server Error"]:
    items = vulns.get(name, []) if name in vulns else anomalies.get(name, [])
    print(f"  {name}: {len(items)}")
    for item in items:
        print(f"    {item.get('method')} {item.get('path')} {item.get('parameter')} :: {item.get('info')}")
    failures += len(items)
for name in printed:
    items = vulns.get(name, [])
    print(f"  {name} (not fatal): {len(items)}")
    for item in items:
        print(f"    {item.get('path')} :: {item.get('info')}")
if survived != "200":
    print("the session did not survive the scan: authenticated pages may not have been scanned")
    failures += 1
print("RESULT: " + ("FAIL" if failures else "PASS") + f" ({failures} injection findings / 5xx)")
sys.exit(1 if failures else 0)
PY
