#!/usr/bin/env bash
# Measures the finder page in a real browser (Debian's Chromium): first-load bytes transferred
# (goal: 150 KB or less, compressed) and selection change -> new results (goal: under 100 ms).
#   bash bench/page/measure-finder-page.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${KNOTWORK_PAGE_PORT:-5098}
base="http://127.0.0.1:$port"
export Knotwork__PublicBaseUrl="$base"   # required outside Development (the published app runs in Production)
mkdir -p artifacts/page
dotnet publish src/Knotwork.Web -c Release -o artifacts/page/web -nologo -v quiet >/dev/null
(cd artifacts/page/web && ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning exec dotnet Knotwork.Web.dll) >artifacts/page/web.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS "$base/api/health" >/dev/null 2>&1 && break; sleep 0.5; done
dotnet run -c Release --project bench/Knotwork.PageBench -- "$base"
