#!/usr/bin/env bash
# Side-by-side runs of our server, the seed's Node `ws` server and uWebSockets.js on this machine, as
# issue 4 asks: each server pinned to core 0 and the generator to core 1, the servers alternating
# (ours, seed, uws, ours, …) so that a slow minute of the machine hurts all three alike, a fresh server
# process for every run, then the medians and ratios (bench/summarize.py).
#
#   mvn -B package -DskipTests && (cd bench/peers && npm ci) && bench/compare.sh
#   bench/compare.sh --reps 3 --scenarios fanout,all-to-all,connect,idle,storm --out bench/results/x
set -euo pipefail
cd "$(dirname "$0")/.."

reps=3
scenarios=fanout,all-to-all,connect,idle,storm
servers=ours,seed,uws
step_seconds=5
idle_clients=19000
out="bench/results/compare-$(date +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --servers) servers="$2"; shift 2 ;;
    --step-seconds) step_seconds="$2"; shift 2 ;;
    --idle-clients) idle_clients="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

jar="$PWD/target/broadcast-server.jar"
peers="$PWD/bench/peers"
[[ -f "$jar" ]] || { echo "no $jar: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
[[ -d "$peers/node_modules/ws" && -d "$peers/node_modules/@trufflesuite" ]] \
  || { echo "no peer servers: run '(cd bench/peers && npm ci)' first" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
workdir="$(mktemp -d)"   # no conf/config.json there
# 19000 idle connections need as many descriptors in the server and the generator (hard limit: 20000).
ulimit -n 20000
port=19100
server_pid=
# A server killed by SIGTERM exits non-zero (Node: 143); that must not end the script under set -e.
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap 'stop_server; rm -rf "$workdir"' EXIT

# The launch command the README gives for production, so that is what gets measured. The production
# limits (20 messages/s per connection, 1000 connections per IP) would throttle the generator.
start_server() {
  local name="$1"
  port=$((port + 1))
  case "$name" in
    ours) (cd "$workdir" && BROADCAST_PORT=$port BROADCAST_INSTANCES=1 BROADCAST_LOG_LEVEL=warn \
            BROADCAST_RATE_LIMIT_PER_SEC=0 BROADCAST_MAX_CONNECTIONS_PER_IP=0 BROADCAST_MAX_CONNECTIONS=0 \
            exec taskset -c 0 java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -jar "$jar") \
            >"$out/server-$name.log" 2>&1 & ;;
    seed) (PORT=$port exec taskset -c 0 node "$peers/seed-server.js") >"$out/server-$name.log" 2>&1 & ;;
    uws)  (PORT=$port exec taskset -c 0 node "$peers/uws-server.js") >"$out/server-$name.log" 2>&1 & ;;
  esac
  server_pid=$!
  for _ in $(seq 1 300); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$name did not open port $port" >&2; cat "$out/server-$name.log" >&2; exit 1
}

# A server that cannot cope (handshakes time out) fails its run; that is a result, not a reason to stop.
bench() {
  local name="$1" scenario="$2"; shift 2
  taskset -c 1 java -jar "$jar" bench "$scenario" --url "ws://127.0.0.1:$port/ws" --server-pid "$server_pid" \
    --label "$name" --out "$out/$scenario" "$@" \
    || echo "$scenario · $name · run failed (see above)" | tee -a "$out/failures.txt"
}

for rep in $(seq 1 "$reps"); do
  for scenario in ${scenarios//,/ }; do
    for name in ${servers//,/ }; do
      echo "== rep $rep/$reps · $scenario · $name · load average $(cut -d' ' -f1-3 /proc/loadavg)" \
        | tee -a "$out/loadavg.txt"
      start_server "$name"
      case "$scenario" in
        # 100-byte messages; the first step repeats the lowest rate as a warm-up for the JIT.
        fanout)     bench "$name" fanout --clients 1000 --rates 50,50,100,200,400,800,1600,3200 \
                      --step-seconds "$step_seconds" ;;
        all-to-all) bench "$name" all-to-all --clients 200 --rates 250,250,500,1000,2000,4000,8000 \
                      --step-seconds "$step_seconds" ;;
        connect)    bench "$name" connect --clients 2000 --label warmup >/dev/null   # JIT warm-up, not counted
                    bench "$name" connect --clients 10000 ;;
        idle)       bench "$name" idle --clients "$idle_clients" ;;
        storm)      bench "$name" storm --clients 3000 ;;
      esac
      stop_server
    done
  done
done

python3 bench/summarize.py "$out" | tee "$out/summary.md"
