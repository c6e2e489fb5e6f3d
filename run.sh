#!/usr/bin/env bash
# The main job with zero configuration: a dev silo (in-memory state) on this machine.
# Ctrl+C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = "--durable" ]; then
  echo "Durable mode (PostgreSQL + 3 silo processes) is not built yet; run ./run.sh for the in-memory dev silo." >&2
  exit 2
fi

http_port="${RecoveryCluster__Silo__HttpPort:-8080}"
gateway_port="${RecoveryCluster__Silo__GatewayPort:-30000}"

dotnet build Silo --configuration Release -v quiet -nologo >/dev/null
dotnet run --project Silo --configuration Release --no-build &
silo=$!
trap 'kill "$silo" 2>/dev/null || true; wait "$silo" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$silo" 2>/dev/null; then echo "The silo exited during start-up." >&2; exit 1; fi
  sleep 0.5
done

cat <<INFO

RecoveryCluster dev silo is up (in-memory: nothing is durable).
  Orleans gateway : 127.0.0.1:$gateway_port   (workers connect here)
  Health          : http://127.0.0.1:$http_port/healthz
Press Ctrl+C to stop.
INFO
wait "$silo"
