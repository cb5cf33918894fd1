#!/usr/bin/env bash
# Does the sign-in page answer as fast for an address without an account as for a real account? Starts the
# published app on loopback (Production, a throwaway data folder and key), creates the owner through /setup, then
# times alternating failed sign-ins: an unknown address, and the owner's address with a wrong password (which
# locks the account after 5: one warms up, 3 are timed, and later attempts time the locked path). Prints the median of each, in ms.
# Stops by itself (a bounded number of requests).
#
#   bash bench/security/sign-in-timing.sh [ATTEMPTS_EACH=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
attempts=${1:-20}
port=${KNOTWORK_TIMING_PORT:-5097}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
mkdir -p artifacts/security
dotnet publish src/Knotwork.Web -c Release -o artifacts/security/web -nologo -v quiet >/dev/null
(cd artifacts/security/web && ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning Knotwork__PublicBaseUrl="$base" \
  Knotwork__DataDirectory="$work/data" Knotwork__KeyFile="$work/keys/knotwork.key" exec dotnet Knotwork.Web.dll) >"$work/app.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fsS "$base/api/health" >/dev/null 2>&1 && break; sleep 0.5; done

# post PAGE FIELDS... -> prints the seconds the POST took (a fresh cookie jar and antiforgery token each time)
post() {
  local page=$1; shift
  local jar="$work/jar.$RANDOM" token
  token=$(curl -fsS -c "$jar" "$base$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  local args=(--data-urlencode "__RequestVerificationToken=$token")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  curl -sS -o /dev/null -b "$jar" -w '%{time_total}\n' "${args[@]}" "$base$page"
  rm -f "$jar"
}
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", 1000 * ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

post /setup "Input.PracticeName=Timing" "Input.TimeZone=America/Los_Angeles" "Input.OwnerName=Owner" \
  "Input.Email=owner@timing.test" "Input.Password=a calm river of stones" >/dev/null
post /account/sign-in "Input.Email=warm@timing.test" "Input.Password=warm-up attempt" >/dev/null   # JIT, both paths
post /account/sign-in "Input.Email=owner@timing.test" "Input.Password=warm-up attempt" >/dev/null   # (1 of the 5 failures)
: > "$work/unknown"; : > "$work/known"; : > "$work/locked"
for i in $(seq 1 "$attempts"); do
  post /account/sign-in "Input.Email=nobody$i@timing.test" "Input.Password=not the password $i" >>"$work/unknown"
  if [ "$i" -le 3 ]; then
    post /account/sign-in "Input.Email=owner@timing.test" "Input.Password=not the password $i" >>"$work/known"
  else
    post /account/sign-in "Input.Email=owner@timing.test" "Input.Password=not the password $i" >>"$work/locked"
  fi
done
echo "sign-in, unknown address     : $(median <"$work/unknown") ms (median of $attempts)"
echo "sign-in, real account, wrong : $(median <"$work/known") ms (median of 3, before the lockout)"
echo "sign-in, locked account      : $(median <"$work/locked") ms (median of $((attempts - 3)))"
