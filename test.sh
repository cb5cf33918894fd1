#!/usr/bin/env bash
# Runs every Knotwork test on this machine, installing what the tests need first.
# Ends with one line: "N passed, N failed". Exit code 0 only when everything passed.
set -uo pipefail
cd "$(dirname "$0")"

log_dir=artifacts/test
mkdir -p "$log_dir"
log="$log_dir/dotnet-test.log"

say() { printf '==> %s\n' "$*"; }

# 1. The .NET SDK (global.json pins the feature band). The machines this project runs on ship it.
if ! command -v dotnet >/dev/null 2>&1; then
  say "The .NET SDK is not on PATH; install .NET 10 (https://learn.microsoft.com/dotnet/core/install/linux) and run again."
  echo "0 passed, 1 failed"
  exit 1
fi

# 2. What the browser tests need: Debian's Chromium (never a downloaded browser) and axe-core from npm.
if [ ! -x "${KNOTWORK_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Chromium from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    say "Chromium is missing: run 'sudo apt-get install chromium' (or set KNOTWORK_CHROMIUM) and try again."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing npm from Debian's packages"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
fi
say "Installing axe-core (npm ci)"
if ! npm ci --prefix tests/Knotwork.Browser.Tests --no-audit --no-fund --loglevel=error >"$log_dir/npm.log" 2>&1; then
  cat "$log_dir/npm.log"
  echo "0 passed, 1 failed"
  exit 1
fi

# 3. PostgreSQL 15 from Debian's packages, for the persistence tests on the production provider: the
#    distribution's cluster, started here, with a test account that may create throwaway databases.
if [ -z "${KNOTWORK_TEST_POSTGRES:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! pg_lsclusters -h 2>/dev/null | grep -q .; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "Installing PostgreSQL from Debian's packages"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      say "PostgreSQL is missing: install it (sudo apt-get install postgresql) or set KNOTWORK_TEST_POSTGRES."
      echo "0 passed, 1 failed"
      exit 1
    fi
  fi
  read -r pg_version pg_cluster pg_port _ < <(pg_lsclusters -h | head -n 1)
  say "Starting PostgreSQL $pg_version/$pg_cluster on port $pg_port"
  pg_ctlcluster "$pg_version" "$pg_cluster" start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$pg_port" && break; sleep 1; done
  su postgres -c "psql -q -p $pg_port -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'knotwork_test') THEN CREATE ROLE knotwork_test LOGIN CREATEDB PASSWORD 'knotwork_test'; END IF; END \\\$\\\$;\"" >/dev/null
  # The test projects run side by side, and a few classes each hold a pool of up to 40 connections while they
  # race for one slot: Debian's default of 100 connections can run out. Raise it once (a restart applies it).
  pg_max=$(su postgres -c "psql -tAq -p $pg_port -c 'SHOW max_connections'" 2>/dev/null || echo 0)
  if [ "${pg_max:-0}" -lt 300 ] 2>/dev/null; then
    say "Raising PostgreSQL's max_connections from $pg_max to 300"
    su postgres -c "psql -q -p $pg_port -c 'ALTER SYSTEM SET max_connections = 300'" >/dev/null \
      && pg_ctlcluster "$pg_version" "$pg_cluster" restart 2>/dev/null || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$pg_port" && break; sleep 1; done
  fi
  export KNOTWORK_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=knotwork_test;Password=knotwork_test;Database=postgres"
fi

# 3b. Debian's nginx and openssl, for the deployment test (nginx with a throwaway TLS certificate in front of the
#     app). The test runs its own nginx from a temporary folder; the system service is not used.
for tool in nginx openssl; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "Installing $tool from Debian's packages"
      export DEBIAN_FRONTEND=noninteractive
      if [ "$tool" = nginx ]; then
        apt-get update -qq >/dev/null && { apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null; }
        # The package starts the system service on Debian; the tests do not want it.
        service nginx stop >/dev/null 2>&1 || systemctl stop nginx >/dev/null 2>&1 || true
      else
        apt-get update -qq >/dev/null && apt-get install -y -qq openssl >/dev/null
      fi
    else
      say "$tool is missing: run 'sudo apt-get install ${tool/nginx/nginx-light}' and try again."
      echo "0 passed, 1 failed"
      exit 1
    fi
  fi
done

# 4. Restore and build once, so a compile error is reported as such.
say "Restoring and building (warnings are errors)"
if ! dotnet build Knotwork.slnx -c Release -nologo -v quiet >"$log_dir/build.log" 2>&1; then
  grep -E "error" "$log_dir/build.log" | sort -u | head -40
  say "The build failed; the whole log is $log_dir/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

# 5. Every test project, one summary line per assembly, added up.
say "Running the tests"
dotnet test Knotwork.slnx -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

projects=$(find tests -name '*.Tests.csproj' | wc -l)
# vstest prints, per assembly: "Passed!  - Failed:     0, Passed:   494, Skipped:     0, Total:   494, ..."
read -r summaries passed failed < <(awk '
  /^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
    line = $0; gsub(/,/, "", line); n = split(line, w, / +/)
    for (i = 1; i < n; i++) { if (w[i] == "Failed:") f += w[i+1]; if (w[i] == "Passed:") p += w[i+1] }
    s++
  }
  END { printf "%d %d %d\n", s, p, f }' "$log")

if [ "$summaries" -ne "$projects" ]; then
  say "Expected a summary from each of $projects test projects, got $summaries: a test host crashed or a project ran no test."
  failed=$((failed + projects - summaries))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  say "dotnet test exited with $status."
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
