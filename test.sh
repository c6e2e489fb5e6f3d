#!/usr/bin/env bash
# Runs every test: installs Chromium for the page test and docker-compose (without the engine it recommends) for the
# deploy tests when missing, starts a throwaway PostgreSQL on 127.0.0.1 (unless ConnectionStrings__RecoveryCluster
# names a server to use), runs `dotnet test RecoveryCluster.sln`, stops what it started and prints "N passed,
# N failed". The durable and deploy tests create a database of their own per test on that server; they find it in
# RC_TEST_POSTGRES, so dev-mode silos that tests start stay in memory.
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults"
rm -rf "$results"
started_pg=0

cleanup() {
  if [ "$started_pg" = 1 ]; then deploy/local/postgres.sh stop; fi
}
trap cleanup EXIT

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: installing chromium and chromium-driver with apt-get."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null || exit 1
  else
    echo "The analytics page test needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: apt-get install chromium chromium-driver)." >&2
  fi
fi

if [ ! -x /usr/bin/docker-compose ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "docker-compose is missing: installing it with apt-get (the deploy tests validate docker-compose.yml with it)."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null || exit 1
  else
    echo "The deploy tests need /usr/bin/docker-compose to validate docker-compose.yml (Debian: apt-get install docker-compose)." >&2
  fi
fi

if [ -n "${ConnectionStrings__RecoveryCluster:-}" ]; then
  export RC_TEST_POSTGRES="$ConnectionStrings__RecoveryCluster"
else
  deploy/local/postgres.sh start || exit 1
  started_pg=1
  export RC_TEST_POSTGRES="$(deploy/local/postgres.sh url)"
fi
unset ConnectionStrings__RecoveryCluster

# One test project at a time (-m:1): several start silos and browsers, and CI has two cores.
dotnet test RecoveryCluster.sln \
  --configuration Release \
  -m:1 \
  --logger "trx" \
  --results-directory "$results" \
  --blame-hang-timeout 5m \
  "$@"
status=$?

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "The test run did not complete: a test host crashed or hung (the blame data collector names the test above)." >&2
fi

skipped=$((total - passed - failed))
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
exit 0
