#!/usr/bin/env bash
# Times the pages of the province targets (docs/performance.md, "Province scale") with curl against a running
# portal on a generate-province database. Usage:
#   BASE=http://127.0.0.1:5099 PGURL=postgresql://user:password@127.0.0.1/province N=20 tools/province-timings.sh
# Prints for each page: HTTP status, URL, p50, p99 and max of N sequential requests after one warm-up request.
set -u
BASE=${BASE:-http://127.0.0.1:5099}
N=${N:-20}
PGURL=${PGURL:?set PGURL to the province database, e.g. postgresql://portal:portal@127.0.0.1/province}
PASSWORD=${PASSWORD:-Province-Bench-2026}
jars=$(mktemp -d)
trap 'rm -rf "$jars"' EXIT

login() { # jar user
  local token
  token=$(curl -s -c "$jars/$1" -b "$jars/$1" "$BASE/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jars/$1" -b "$jars/$1" --data-urlencode "UserName=$2" --data-urlencode "Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/Account/Login"
}
q() { psql "$PGURL" -Atc "$1"; }
stats() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if(i>NR)i=NR; printf "p50=%.1f ms p99=%.1f ms max=%.1f ms\n", a[int((NR+1)/2)]*1000, a[i]*1000, a[NR]*1000}'; }
run() { # name jar url
  local code
  code=$(curl -s -o /dev/null -w "%{http_code}" -b "$jars/$2" "$BASE$3")
  printf "%-32s %s %-48s " "$1" "$code" "$3"
  for _ in $(seq "$N"); do curl -s -o /dev/null -w "%{time_total}\n" -b "$jars/$2" "$BASE$3"; done | stats
}

login admin province.admin; login county county.staff; login chair chair.t2
township=$(q 'select "Id" from "Organisations" where "Kind"=4 order by "Path" offset 1 limit 1')
big=$(q 'select "Id" from "Organisations" where "Kind"=4 order by "Path" limit 1')
county=$(q 'select "Id" from "Organisations" where "Kind"=3 order by "Path" limit 1')
# ID numbers are encrypted in the database: the person's edit form shows the whole number to the administrator (an
# audited view), as it would to a clerk.
person=$(q 'select "Id" from "People" order by "Id" offset 150000 limit 1')
idnumber=$(curl -s -b "$jars/admin" "$BASE/People/Edit/$person" | grep -o '<input[^>]*name="Input.IdNumber"[^>]*>' | grep -o 'value="[^"]*"' | sed 's/value="//; s/"$//')
[ -n "$idnumber" ] || { echo "could not read the ID number of person $person" >&2; exit 1; }

run "sign-in page (no database)" admin "/Account/Login"
run "township page (chair)" chair "/Organisations/Details/$township"
run "township page (admin)" admin "/Organisations/Details/$township"
run "county page (county staff)" county "/Organisations/Details/$county"
run "county dashboard (drill-down)" admin "/Dashboard/Organisation/$county"
run "township dashboard (chair)" chair "/Dashboard"
run "county people list" county "/People"
run "county completeness" county "/Reports/Completeness?year=2026"
run "tree: 500 children" admin "/Organisations/Children/$big"
run "search: name (3 characters)" admin "/People/Search?q=%E7%8E%8B%E7%A7%80%E8%8B%B1"
run "search: name (2 characters)" admin "/People/Search?q=%E7%A8%8E%E6%99%93"
run "search: name not found" admin "/People/Search?q=%E6%97%A0%E6%AD%A4%E4%BA%BA"
run "search: whole ID number" admin "/People/Search?q=$idnumber"
run "province dashboard (cached)" admin "/Dashboard"
