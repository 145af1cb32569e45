#!/usr/bin/env bash
# The cost of clustering, measured on one machine: the same all-to-all load against one node on its own
# and against three clustered nodes with the clients spread over them, then deliveries/s, p99 latency and
# the event-bus bytes the nodes sent each other per broadcast.
#
#   mvn -B package -DskipTests && bench/cluster.sh [--clients 150] [--rates 250,500,1000,2000] [--out DIR]
#
# Three JVMs and the generator share this machine's cores, so the three-node figures include that
# contention: they show what the cluster costs, not what three machines would deliver.
set -euo pipefail
cd "$(dirname "$0")/.."

clients=150
rates=250,250,500,1000,2000,4000
step_seconds=5
out="bench/results/cluster-$(date +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --clients) clients="$2"; shift 2 ;;
    --rates) rates="$2"; shift 2 ;;
    --step-seconds) step_seconds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

jar="$PWD/target/broadcast-server.jar"
[[ -f "$jar" ]] || { echo "no $jar: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
workdir="$(mktemp -d)"   # no conf/config.json there: the settings below are all there is
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$workdir"; }
trap cleanup EXIT

# The limits a production server has would throttle the generator (one IP, thousands of messages/s).
export BROADCAST_INSTANCES=1 BROADCAST_LOG_LEVEL=warn BROADCAST_RATE_LIMIT_PER_SEC=0 \
  BROADCAST_MAX_CONNECTIONS_PER_IP=0 BROADCAST_MAX_CONNECTIONS=0

# start_node HTTP_PORT [cluster MEMBER_PORT MEMBERS]: a node in the background; waits until /ready says 200.
start_node() {
  local port="$1"
  if [[ "${2:-}" == cluster ]]; then
    (cd "$workdir" && BROADCAST_PORT="$port" BROADCAST_CLUSTER=true BROADCAST_CLUSTER_HOST=127.0.0.1 \
      BROADCAST_CLUSTER_MEMBER_PORT="$3" BROADCAST_CLUSTER_MEMBERS="$4" \
      exec java -Xms256m -Xmx512m -XX:+UseG1GC -jar "$jar" >"$out/node-$port.log" 2>&1) &
  else
    (cd "$workdir" && BROADCAST_PORT="$port" exec java -Xms256m -Xmx512m -XX:+UseG1GC -jar "$jar" \
      >"$out/node-$port.log" 2>&1) &
  fi
  pids+=($!)
}

await_ready() {
  for port in "$@"; do
    for _ in $(seq 1 600); do
      [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready")" == 200 ]] && break
      sleep 0.2
    done
  done
}

# Sum over the nodes of the event-bus bytes written to other nodes, and of messages received from clients.
counters() {
  local bytes=0 received=0
  for port in "$@"; do
    b=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^vertx_eventbus_bytes_written_sum/ {print $2}')
    r=$(curl -s "http://127.0.0.1:$port/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["messagesReceived"])')
    bytes=$(python3 -c "print(${bytes} + ${b:-0})")
    received=$((received + r))
  done
  echo "$bytes $received"
}

run() {
  local label="$1"; shift
  local urls
  urls=$(printf 'ws://127.0.0.1:%s/ws,' "$@"); urls="${urls%,}"
  read -r bytes_before received_before < <(counters "$@")
  java -jar "$jar" bench all-to-all --url "$urls" --clients "$clients" --rates "$rates" \
    --step-seconds "$step_seconds" --label "$label" --out "$out" --max-p99-ms 1000
  read -r bytes_after received_after < <(counters "$@")
  python3 - "$label" "$bytes_before" "$bytes_after" "$received_before" "$received_after" >>"$out/bus-bytes.txt" <<'EOF'
import sys
label, b0, b1, r0, r1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
broadcasts = max(1, r1 - r0)
print(f"{label}\t{broadcasts}\t{b1 - b0:.0f}\t{(b1 - b0) / broadcasts:.1f}")
EOF
}

echo "== one node on its own"
start_node 18301
await_ready 18301
run one-node 18301
cleanup_one="${pids[0]}"; kill "$cleanup_one"; wait "$cleanup_one" 2>/dev/null || true; pids=()

echo "== three clustered nodes, clients spread over them"
members=127.0.0.1:18401,127.0.0.1:18402,127.0.0.1:18403
start_node 18311 cluster 18401 "$members"
start_node 18312 cluster 18402 "$members"
start_node 18313 cluster 18403 "$members"
await_ready 18311 18312 18313
run three-nodes 18311 18312 18313

echo
echo "Best step with p99 <= 50 ms, and event-bus bytes sent between nodes per broadcast:"
python3 - "$out" <<'EOF'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
bus = {}
for line in (out / "bus-bytes.txt").read_text().splitlines():
    label, broadcasts, total, per = line.split("\t")
    bus[label] = (int(broadcasts), float(total), float(per))
print(f"| setup | deliveries/s (p99 <= 50 ms) | p99 at that step | broadcasts | bus bytes between nodes | per broadcast |")
print("|---|---|---|---|---|---|")
for run in json.loads((out / "results.json").read_text()):
    ok = [s for s in run["steps"] if s["p99Ms"] <= 50 and s["lossRatio"] <= 0.001]
    best = max(ok, key=lambda s: s["deliveriesPerSecond"]) if ok else None
    b = bus.get(run["label"], (0, 0, 0))
    rate = f'{best["deliveriesPerSecond"]:,.0f}' if best else "none"
    p99 = f'{best["p99Ms"]:.1f} ms' if best else "-"
    print(f'| {run["label"]} | {rate} | {p99} | {b[0]:,} | {b[1]:,.0f} | {b[2]:,.1f} |')
EOF
echo "raw figures: $out"
