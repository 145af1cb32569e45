#!/usr/bin/env python3
"""Medians and ratios of a bench/compare.sh run, as a markdown table.

Usage: bench/summarize.py OUT_DIR   (the folder compare.sh wrote: one sub-folder per scenario)

Per scenario and server, the median over the repetitions of the figure issue 4 sets a goal for, and the
ratio of ours to each peer, oriented so that above 1 means ours is better.
"""
import json
import statistics
import sys
from pathlib import Path

MAX_P99_MS = 50

# scenario: (what is measured, how to read it from one run, True when higher is better, unit format)
def best_deliveries(run):
    ok = [s for s in run["steps"] if s["p99Ms"] <= MAX_P99_MS and s["lossRatio"] <= 0.001]
    return max((s["deliveriesPerSecond"] for s in ok), default=0.0)

def generator_bound(run):
    ok = [s for s in run["steps"] if s["p99Ms"] <= MAX_P99_MS and s["lossRatio"] <= 0.001]
    best = max(ok, key=lambda s: s["deliveriesPerSecond"], default=None)
    return bool(best and best.get("generatorBound"))

def p99_at(rate):
    def figure(run):
        steps = [s for s in run["steps"][1:] if s["rate"] == rate]   # [1:]: not the warm-up step
        return steps[0]["p99Ms"] if steps else float("nan")
    return figure

def cores_at(rate):
    """The server's CPU at a rate every server reaches: its cost per delivery, whatever limits the top rate."""
    def figure(run):
        steps = [s for s in run["steps"][1:] if s["rate"] == rate and s.get("serverCores") is not None]
        return steps[0]["serverCores"] if steps else float("nan")
    return figure

def last_p99(run):
    return run["steps"][-1]["p99Ms"]

# The figure a folder of results is summarized by: (title, how to read it from a run, higher is better, format).
FIGURES = {
    "fanout": ("1 → 1000 deliveries/s with p99 ≤ 50 ms", best_deliveries, True, "{:,.0f}"),
    "fanout:cores": ("1 → 1000 at 400 msg/s (400k deliveries/s): server cores", cores_at(400), False, "{:.2f}"),
    "fanout-stalled": ("the same with one stalled subscriber", best_deliveries, True, "{:,.0f}"),
    "fanout:p99": ("1 → 1000 at 400 msg/s: p99 ms", p99_at(400), False, "{:,.1f}"),
    "fanout-stalled:p99": ("the same with one stalled subscriber: p99 ms", p99_at(400), False, "{:,.1f}"),
    "latency-10k": ("1 → 10,000 at 5 msg/s: p99 ms", last_p99, False, "{:,.1f}"),
    "all-to-all": ("200 all-to-all deliveries/s with p99 ≤ 50 ms", best_deliveries, True, "{:,.0f}"),
    "all-to-all:cores": ("200 all-to-all at 2000 msg/s (400k deliveries/s): server cores", cores_at(2000), False,
                         "{:.2f}"),
    "connect": ("connections accepted per second", lambda r: r["figures"]["connectionsPerSecond"], True, "{:,.0f}"),
    # What a server could accept with a whole core, whatever the generator managed: rate ÷ server cores.
    "connect:per-core": ("connections accepted per server core-second",
                         lambda r: r["figures"]["connectionsPerSecond"] / r["figures"]["serverCores"]
                         if r["figures"].get("serverCores") else float("nan"), True, "{:,.0f}"),
    "idle": ("server RSS per idle connection (KiB), after a warm-up", lambda r: r["figures"]["bytesPerConnection"] / 1024,
             False, "{:,.1f}"),
    # The same growth counted from the fresh process: includes what the first handshakes cost the server once.
    "idle:fresh": ("the same counted from the fresh server (KiB)",
                   lambda r: r["figures"].get("bytesPerConnectionFromFresh", r["figures"]["bytesPerConnection"]) / 1024,
                   False, "{:,.1f}"),
    "storm": ("3000-client storm: seconds until quiet", lambda r: r["figures"]["quietAfterSeconds"], False, "{:,.1f}"),
}


def main(out):
    servers = ["ours", "seed", "uws"]
    print("| scenario | " + " | ".join(f"{s} (median)" for s in servers) + " | ours vs seed | ours vs uws | runs |")
    print("|---|" + "---|" * (len(servers) + 3))
    for key, (title, figure, higher_is_better, fmt) in FIGURES.items():
        scenario = key.split(":")[0]
        results = Path(out) / scenario / "results.json"
        if not results.exists():
            continue
        runs = [r for r in json.loads(results.read_text()) if r["label"] in servers]
        medians, notes = {}, []
        for server in servers:
            values = [v for v in (figure(r) for r in runs if r["label"] == server) if v == v]   # v == v: not NaN
            if values:
                medians[server] = statistics.median(values)
            if key in ("fanout", "fanout-stalled", "all-to-all") and any(generator_bound(r) for r in runs if r["label"] == server):
                notes.append(f"{server}: generator-bound")
            if key == "connect" and any(r["figures"].get("generatorBound") for r in runs if r["label"] == server):
                notes.append(f"{server}: generator-bound")
        cells = [fmt.format(medians[s]) if s in medians else "–" for s in servers]

        def ratio(peer):
            if "ours" not in medians or not medians.get(peer):
                return "–"
            value = medians["ours"] / medians[peer] if higher_is_better else medians[peer] / medians["ours"]
            return f"{value:.2f}×"

        count = len([r for r in runs if r["label"] == "ours"])
        note = f" ({'; '.join(notes)})" if notes else ""
        print(f"| {title}{note} | " + " | ".join(cells) + f" | {ratio('seed')} | {ratio('uws')} | {count} |")
    print()
    print("Ratios above 1× mean ours is better (more per second, or less memory and time).")
    failures = Path(out) / "failures.txt"
    if failures.exists():
        print()
        print("Runs that failed (counted as missing, not as zero):")
        for line in failures.read_text().splitlines():
            print(f"- {line}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
