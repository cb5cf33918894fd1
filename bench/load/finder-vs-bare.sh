#!/usr/bin/env bash
# Load test on loopback: wrk against Knotwork's GET /api/finder (a 6-region query, rate limits configured
# off) and against a bare endpoint: a separate minimal ASP.NET Core app (bench/Knotwork.BareApp, one MapGet
# answering a fixed small JSON), in the same run. Prints both throughputs and their ratio.
# Goal: the finder at 75% or more of the bare endpoint. Stops by itself (bounded duration).
# The two are measured in alternating rounds and the medians compared, because on a shared 2-core
# machine one long run of each drifts by 20% or more from minute to minute.
#
#   bash bench/load/finder-vs-bare.sh [SECONDS_PER_ROUND=5] [CONNECTIONS=32] [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-5}
connections=${2:-32}
rounds=${3:-5}
port=${KNOTWORK_LOAD_PORT:-5099}
base="http://127.0.0.1:$port"
bare_base="http://127.0.0.1:$((port + 1))"
export Knotwork__PublicBaseUrl="$base"   # required outside Development (the published app runs in Production)
finder_path="/api/finder?regions=temple.l,neck-back.l,occiput.l,shoulder-top.l,scapula-medial.l,jaw.l"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

mkdir -p artifacts/load
dotnet publish src/Knotwork.Web -c Release -o artifacts/load/web -nologo -v quiet >/dev/null
dotnet publish bench/Knotwork.BareApp -c Release -o artifacts/load/bare -nologo -v quiet >/dev/null
data=$(mktemp -d)
(cd artifacts/load/web && ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning Knotwork__RateLimits__Enabled=false \
  Knotwork__DataDirectory="$data/data" Knotwork__KeyFile="$data/keys/knotwork.key" exec dotnet Knotwork.Web.dll) >artifacts/load/web.log 2>&1 &
server=$!
(cd artifacts/load/bare && ASPNETCORE_URLS="$bare_base" Logging__LogLevel__Default=Warning exec dotnet Knotwork.BareApp.dll) >artifacts/load/bare.log 2>&1 &
bare_server=$!
trap 'kill $server $bare_server 2>/dev/null || true; wait $server $bare_server 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 60); do
  curl -fsS "$base/api/health" >/dev/null 2>&1 && curl -fsS "$bare_base/" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base$finder_path" >/dev/null

rps() { # URL -> requests per second
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" | tee -a artifacts/load/wrk.log | awk '/Requests\/sec/ {print $2}'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > artifacts/load/wrk.log
wrk -t2 -c"$connections" -d3s "$bare_base/" >/dev/null   # warm-up: JIT, tiered compilation, pools
wrk -t2 -c"$connections" -d3s "$base$finder_path" >/dev/null
bare_all=(); finder_all=()
for round in $(seq 1 "$rounds"); do
  b=$(rps "$bare_base/"); f=$(rps "$base$finder_path")
  bare_all+=("$b"); finder_all+=("$f")
  printf 'round %d: bare %s/s, finder %s/s (%s %%)\n' "$round" "$b" "$f" "$(awk -v f="$f" -v b="$b" 'BEGIN { printf "%.1f", 100 * f / b }')"
done
bare=$(printf '%s\n' "${bare_all[@]}" | median)
finder=$(printf '%s\n' "${finder_all[@]}" | median)
ratio=$(awk -v f="$finder" -v b="$bare" 'BEGIN { printf "%.1f", 100 * f / b }')

echo "bare   GET / (minimal app): $bare requests/s (median of $rounds rounds)"
echo "finder GET /api/finder : $finder requests/s (6 regions, median of $rounds rounds)"
echo "finder / bare          : $ratio %  (goal: 75 % or more)"
echo "(wrk -t2 -c$connections, ${duration}s a round, on 127.0.0.1; server and wrk share this machine's $(nproc) cores; details in artifacts/load/wrk.log)"
