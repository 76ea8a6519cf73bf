#!/usr/bin/python3
"""Two builds of gradspec side by side on the peer benchmark's specs, one after the other in one run:
the restructuring's performance check (issue 9), and any later change's.

    /usr/bin/python3 bench/compare_builds.py OLD_LAUNCHER NEW_LAUNCHER [--repeats 5] [--sizes small,medium,large]

A launcher is a `bin/gradspec` (of a worktree of the old commit, say). For every case, variant and size
of bench/peer_compare.py and both modes, runs `LAUNCHER check SPEC --format json --trials 1 --seed 0
--mode MODE`, alternating old and new, --repeats times: the median whole-process wall time and the
median in-process time (the spec's duration_ms). Prints a table with new ÷ old for both.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peer_compare as pc  # noqa: E402  (its spec writer and the peer's cases)


def once(launcher, spec, mode):
    t0 = time.perf_counter()
    p = subprocess.run([launcher, "check", spec, "--format", "json", "--trials", "1", "--seed", "0", "--mode", mode],
                       capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t0
    r = json.loads(p.stdout)
    return wall, r["specs"][0]["duration_ms"] / 1000.0, r["specs"][0]["status"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--sizes", default="small,medium,large")
    a = ap.parse_args()
    print("| case | variant | size | mode | old wall s | new wall s | new÷old wall | old in-process s | new in-process s | new÷old in-process |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    walls, inprocs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for case, (sizes, variants, _) in pc.peer.CASES.items():
            for size in [s for s in pc.SIZE_ORDER if s in a.sizes.split(",") and s in sizes]:
                for variant in variants + pc.EXTRA_VARIANTS.get((case, size), []):
                    text, _ = pc.spec_text(case, variant, size, sizes[size])
                    spec = os.path.join(tmp, "%s-%s-%s.yaml" % (case, variant, size))
                    with open(spec, "w") as f:
                        f.write(text)
                    for mode in ("full", "fast"):
                        o, n = [], []
                        for _ in range(a.repeats if size != "large" else max(1, a.repeats // 2)):
                            o.append(once(a.old, spec, mode))
                            n.append(once(a.new, spec, mode))
                        ow, nw = statistics.median(x[0] for x in o), statistics.median(x[0] for x in n)
                        oi, ni = statistics.median(x[1] for x in o), statistics.median(x[1] for x in n)
                        walls.append(nw / ow)
                        if oi >= 0.005:
                            inprocs.append(ni / oi)
                        print("| %s | %s | %s | %s | %.3f | %.3f | %.2f | %.3f | %.3f | %s |" % (
                            case, variant, size, mode, ow, nw, nw / ow, oi, ni,
                            "%.2f" % (ni / oi) if oi >= 0.005 else "(< 5 ms)"), flush=True)
    print()
    print("geometric mean new÷old: wall %.3f over %d cells, in-process %.3f over the %d cells of at least 5 ms" % (
        statistics.geometric_mean(walls), len(walls), statistics.geometric_mean(inprocs), len(inprocs)))


if __name__ == "__main__":
    main()
