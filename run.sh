#!/usr/bin/env bash
# The main job with zero configuration: a dev silo (in-memory state) and the demo worker with its failure
# injector. Ctrl+C stops everything this script started. Extra arguments go to the worker, e.g.
#   ./run.sh --Worker:Operations=5000 --Worker:Seed=7 --Worker:Faults:Rate=0.05
# ./run.sh --durable starts PostgreSQL (deploy/local/postgres.sh), three silo processes on it and the worker;
# it uses the same environment variables as docker-compose.yml.
set -euo pipefail
cd "$(dirname "$0")"

durable=0
if [ "${1:-}" = "--durable" ]; then
  durable=1
  shift
fi

silo_count=1
[ "$durable" = 1 ] && silo_count=3
base_silo_port="${RecoveryCluster__Silo__SiloPort:-11111}"
base_gateway_port="${RecoveryCluster__Silo__GatewayPort:-30000}"
base_http_port="${RecoveryCluster__Silo__HttpPort:-8080}"

dotnet build RecoveryCluster.sln --configuration Release -v quiet -nologo >/dev/null
pids=()
stop_all() {
  # The worker first (it prints its summary and flushes to the silos), then the silos.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop_all EXIT INT TERM

if [ "$durable" = 1 ]; then
  deploy/local/postgres.sh start
  deploy/local/postgres.sh createdb recovery_cluster
  export ConnectionStrings__RecoveryCluster="${ConnectionStrings__RecoveryCluster:-$(deploy/local/postgres.sh url recovery_cluster)}"
fi

# The built assemblies run directly, so the PIDs below are the programs themselves and Ctrl+C reaches them.
gateways=()
for (( n=0; n<silo_count; n++ )); do
  log="silo.log"; [ "$durable" = 1 ] && log="silo-$((n + 1)).log"
  RecoveryCluster__Silo__SiloName="silo-$((n + 1))" \
  RecoveryCluster__Silo__SiloPort=$((base_silo_port + n)) \
  RecoveryCluster__Silo__GatewayPort=$((base_gateway_port + n)) \
  RecoveryCluster__Silo__HttpPort=$((base_http_port + n)) \
    dotnet Silo/bin/Release/net10.0/RecoveryCluster.Silo.dll > "$log" 2>&1 &
  pids+=($!)
  gateways+=("127.0.0.1:$((base_gateway_port + n))")
done

for (( n=0; n<silo_count; n++ )); do
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$((base_http_port + n))/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pids[n]}" 2>/dev/null; then
      echo "Silo $((n + 1)) exited during start-up:" >&2
      tail -n 5 "$([ "$durable" = 1 ] && echo "silo-$((n + 1)).log" || echo silo.log)" >&2
      exit 1
    fi
    sleep 0.5
  done
done

if [ "$durable" = 1 ]; then
  echo
  echo "RecoveryCluster is up: 3 silos on PostgreSQL ($(sed 's/Password=[^;]*;//' <<<"$ConnectionStrings__RecoveryCluster")); logs in silo-1.log .. silo-3.log."
else
  echo
  echo "RecoveryCluster dev silo is up (in-memory: nothing is durable; its log is in silo.log)."
fi
pages=""
[ "$silo_count" -gt 1 ] && pages="   (every silo serves one: ports $base_http_port..$((base_http_port + silo_count - 1)))"
cat <<INFO
  Analytics page  : http://127.0.0.1:$base_http_port/$pages
  HTTP API        : http://127.0.0.1:$base_http_port/api/status   (OpenAPI: /openapi/v1.json)
  Dashboard       : http://127.0.0.1:$base_http_port/dashboard/
  Orleans gateways: ${gateways[*]}   (workers connect here)
Starting the demo worker (progress every 5 s). Press Ctrl+C to stop.

INFO
worker_env=()
for (( n=0; n<silo_count; n++ )); do
  worker_env+=("RecoveryCluster__Client__Gateways__$n=${gateways[n]}")
done
env "${worker_env[@]}" dotnet samples/Worker/bin/Release/net10.0/RecoveryCluster.Worker.dll "$@" &
pids+=($!)
wait "${pids[silo_count]}"
