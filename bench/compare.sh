#!/usr/bin/env bash
# Side-by-side runs of our server, the seed's Node `ws` server and uWebSockets.js on this machine, as
# issue 4 asks: each server pinned to core 0 and the generator to core 1, the servers alternating
# (ours, seed, uws, ours, …) so that a slow minute of the machine hurts all three alike, a fresh server
# process for every run, then the medians and ratios (bench/summarize.py).
#
#   mvn -B package -DskipTests && (cd bench/peers && npm ci) && bench/compare.sh
#   bench/compare.sh --reps 3 --scenarios fanout,all-to-all,connect,idle,storm --out bench/results/x
#
# Scenarios (each a folder of results under --out):
#   fanout          1 publisher → 1000 subscribers, rate stepped up
#   fanout-stalled  the same with one more subscriber that never reads (issue 4, goal 5)
#   latency-10k     1 publisher → 10,000 subscribers at 5 messages/s: the latency (goal 4)
#   all-to-all      200 clients, each publishing
#   connect         10,000 connections as fast as accepted, join notices off on every server
#   idle            --idle-clients connections held 35 s (past a 30 s heartbeat): server RSS per connection, join notices off
#   storm           3000 clients at once with join notices on: seconds until quiet
set -euo pipefail
cd "$(dirname "$0")/.."

reps=3
scenarios=fanout,fanout-stalled,latency-10k,all-to-all,connect,idle,storm
servers=ours,seed,uws
step_seconds=5
idle_clients=19000
# No single run may take longer: the seed's O(N²) join notices could otherwise hold a run for many minutes.
run_limit_seconds=600
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
# "quiet" turns join notices off on every server (presence.notices=false on ours).
start_server() {
  local name="$1" notices="$2"
  local ours_notices=true peer_notices=on
  [[ "$notices" == quiet ]] && { ours_notices=false; peer_notices=off; }
  port=$((port + 1))
  case "$name" in
    ours) (cd "$workdir" && BROADCAST_PORT=$port BROADCAST_INSTANCES=1 BROADCAST_LOG_LEVEL=warn \
            BROADCAST_RATE_LIMIT_PER_SEC=0 BROADCAST_MAX_CONNECTIONS_PER_IP=0 BROADCAST_MAX_CONNECTIONS=0 \
            BROADCAST_PRESENCE_NOTICES=$ours_notices \
            exec taskset -c 0 java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
            -XX:TieredStopAtLevel=1 -jar "$jar") \
            >"$out/server-$name.log" 2>&1 & ;;
    seed) (PORT=$port JOIN_NOTICES=$peer_notices exec taskset -c 0 node "$peers/seed-server.js") \
            >"$out/server-$name.log" 2>&1 & ;;
    uws)  (PORT=$port JOIN_NOTICES=$peer_notices exec taskset -c 0 node "$peers/uws-server.js") \
            >"$out/server-$name.log" 2>&1 & ;;
  esac
  server_pid=$!
  for _ in $(seq 1 300); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$name did not open port $port" >&2; cat "$out/server-$name.log" >&2; exit 1
}

# A server that cannot cope (handshakes time out, or the run outlives its limit) fails its run; that is a
# result, not a reason to stop.
bench() {
  local name="$1" folder="$2" scenario="$3"; shift 3
  timeout "$run_limit_seconds" taskset -c 1 java -jar "$jar" bench "$scenario" --url "ws://127.0.0.1:$port/ws" \
    --server-pid "$server_pid" --label "$name" --out "$out/$folder" "$@" \
    || echo "$folder · $name · run failed or took over ${run_limit_seconds} s (see above)" | tee -a "$out/failures.txt"
}

fanout_rates=50,50,100,200,400,800,1600,3200,6400

for rep in $(seq 1 "$reps"); do
  for scenario in ${scenarios//,/ }; do
    for name in ${servers//,/ }; do
      echo "== rep $rep/$reps · $scenario · $name · load average $(cut -d' ' -f1-3 /proc/loadavg)" \
        | tee -a "$out/loadavg.txt"
      case "$scenario" in
        connect|idle|latency-10k) start_server "$name" quiet ;;
        *)            start_server "$name" notices ;;
      esac
      case "$scenario" in
        # 100-byte messages; the first step repeats the lowest rate as a warm-up for the JIT.
        fanout)         bench "$name" fanout fanout --clients 1000 --rates "$fanout_rates" \
                          --step-seconds "$step_seconds" ;;
        fanout-stalled) bench "$name" fanout-stalled fanout --clients 1000 --stalled 1 --rates "$fanout_rates" \
                          --step-seconds "$step_seconds" ;;
        latency-10k)    bench "$name" latency-10k fanout --clients 10000 --rates 5,5 --step-seconds 10 ;;
        all-to-all)     bench "$name" all-to-all all-to-all --clients 200 --rates 250,250,500,1000,2000,4000,6000,8000,12000,16000 \
                          --step-seconds "$step_seconds" ;;
        # A JVM server's JIT needs tens of thousands of handshakes before the rate settles (perf showed C2
        # still busy after 40,000); the peers get the same warm-up.
        connect)        bench "$name" connect connect --clients 10000 --warmup 50000 ;;
        idle)           bench "$name" idle idle --clients "$idle_clients" ;;
        storm)          bench "$name" storm storm --clients 3000 ;;
        *) echo "unknown scenario $scenario" >&2; exit 2 ;;
      esac
      stop_server
    done
  done
done

python3 bench/summarize.py "$out" | tee "$out/summary.md"
