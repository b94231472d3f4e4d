#!/usr/bin/env bash
# A local cluster on PostgreSQL in one command, for development and trying cluster mode:
#
#   scripts/dev-cluster.sh up [N]     # PostgreSQL, migrate, N silos (default 2) and a client-mode API host
#   scripts/dev-cluster.sh down       # stops the silos and the API host (PostgreSQL keeps running; see below)
#
# Every process listens on loopback ports that were free when it started. `up` prints each address; the API host's
# URL is alone on the last line, so scripts can take it with `| tail -n 1`. Logs and process ids are kept in
# $AUDIOMUSIC_CLUSTER_DIR (default: a directory under $TMPDIR). PostgreSQL comes from scripts/postgres-dev.sh, a
# throw-away server for development: stop it with `scripts/postgres-dev.sh stop`.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
state="${AUDIOMUSIC_CLUSTER_DIR:-${TMPDIR:-/tmp}/audiomusic-dev-cluster}"
log() { echo "dev-cluster: $*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

down() {
  if [[ -d "$state" ]]; then
    for pid_file in "$state"/*.pid; do
      [[ -e "$pid_file" ]] || continue
      pid="$(cat "$pid_file")"
      # SIGTERM: silos drain (running jobs finish or go back to the queue) before they exit.
      kill -TERM "$pid" 2>/dev/null || true
    done
    for pid_file in "$state"/*.pid; do
      [[ -e "$pid_file" ]] || continue
      pid="$(cat "$pid_file")"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pid_file"
    done
    log "stopped (logs stay in $state)"
  fi
}

wait_for() {
  local url="$1" name="$2"
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  log "$name did not answer $url; see $state/$name.log"
  return 1
}

case "${1:-}" in
  up)
    silos="${2:-2}"
    [[ "$silos" =~ ^[1-9][0-9]?$ ]] || { log "the number of silos must be 1-99, not '$silos'"; exit 2; }
    down
    mkdir -p "$state"
    eval "$(scripts/postgres-dev.sh)"
    connection="$AUDIOMUSIC_TEST_POSTGRES;Database=audiomusic_dev"
    log "building (Release)"
    dotnet build "$root/AudioMusic.sln" -c Release -v quiet -nologo >"$state/build.log" 2>&1 || { log "the build failed; see $state/build.log"; exit 1; }
    silo_dll="$root/src/Silo/bin/Release/net10.0/AudioMusic.Silo.dll"
    api_dll="$root/src/ApiHost/bin/Release/net10.0/AudioMusic.ApiHost.dll"
    dotnet "$silo_dll" migrate "--ConnectionStrings:AudioMusic=$connection" >&2
    common=("--ConnectionStrings:AudioMusic=$connection" "--Orleans:ClusterId=dev" "--Orleans:ServiceId=dev")
    for i in $(seq 1 "$silos"); do
      silo_port="$(free_port)"; gateway_port="$(free_port)"
      nohup dotnet "$silo_dll" "${common[@]}" "--Orleans:SiloPort=$silo_port" "--Orleans:GatewayPort=$gateway_port" \
        "--Orleans:AdvertisedIPAddress=127.0.0.1" >"$state/silo-$i.log" 2>&1 &
      echo $! >"$state/silo-$i.pid"
      echo "silo $i: silo port $silo_port, gateway port $gateway_port, log $state/silo-$i.log"
    done
    api_port="$(free_port)"
    nohup dotnet "$api_dll" "${common[@]}" "--Hosting:Mode=Client" "--Urls=http://127.0.0.1:$api_port" >"$state/api.log" 2>&1 &
    echo $! >"$state/api.pid"
    wait_for "http://127.0.0.1:$api_port/health/ready" api
    echo "API host (client mode): log $state/api.log"
    echo "http://127.0.0.1:$api_port"
    ;;
  down)
    down
    ;;
  *)
    echo "usage: scripts/dev-cluster.sh up [N] | down" >&2
    exit 2
    ;;
esac
