#!/usr/bin/env bash
# The main job with zero configuration: a dev silo (in-memory state) and the demo worker with its failure
# injector. Ctrl+C stops everything this script started. Extra arguments go to the worker, e.g.
#   ./run.sh --Worker:Operations=5000 --Worker:Seed=7 --Worker:FailureRate=0.05
set -euo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = "--durable" ]; then
  echo "Durable mode (PostgreSQL + 3 silo processes) is not built yet; run ./run.sh for the in-memory dev silo." >&2
  exit 2
fi

http_port="${RecoveryCluster__Silo__HttpPort:-8080}"
gateway_port="${RecoveryCluster__Silo__GatewayPort:-30000}"

dotnet build RecoveryCluster.sln --configuration Release -v quiet -nologo >/dev/null
pids=()
stop_all() {
  # The worker first (it prints its summary and flushes to the silo), then the silo.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop_all EXIT INT TERM

# The built assemblies run directly, so the PIDs below are the programs themselves and Ctrl+C reaches them.
dotnet Silo/bin/Release/net10.0/RecoveryCluster.Silo.dll > silo.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then echo "The silo exited during start-up; see silo.log." >&2; exit 1; fi
  sleep 0.5
done

cat <<INFO

RecoveryCluster dev silo is up (in-memory: nothing is durable; its log is in silo.log).
  Analytics page  : http://127.0.0.1:$http_port/
  HTTP API        : http://127.0.0.1:$http_port/api/status   (OpenAPI: /openapi/v1.json)
  Dashboard       : http://127.0.0.1:$http_port/dashboard/
  Orleans gateway : 127.0.0.1:$gateway_port   (workers connect here)
Starting the demo worker (progress every 2 s). Press Ctrl+C to stop.

INFO
RecoveryCluster__Client__Gateways__0="127.0.0.1:$gateway_port" \
  dotnet Client/Worker/bin/Release/net10.0/RecoveryCluster.Worker.dll "$@" &
pids+=($!)
wait "${pids[1]}"
