#!/usr/bin/python3
"""Markdown table from a JMH JSON result of EvaluatorBench (bench/out/jmh.json by default).

    /usr/bin/python3 bench/jmh_table.py [bench/out/jmh.json]

Per case: JMH's score (mean of the measurement iterations) and, from the raw iterations, the median and
the minimum, for gradspec and for the hand-written EJML code, the ratios gradspec / EJML and the
speed-up EJML / gradspec. On a
shared, contended box the minimum is the least disturbed figure.
"""
import json
import os
import statistics
import sys


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "out", "jmh.json")
    with open(path) as fh:
        runs = json.load(fh)
    cells = {}
    order = []
    for r in runs:
        side = r["benchmark"].rsplit(".", 1)[1]
        case = r["params"]["bench"]
        raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        if case not in cells:
            cells[case] = {}
            order.append(case)
        cells[case][side] = {"score": r["primaryMetric"]["score"], "err": r["primaryMetric"]["scoreError"],
                             "median": statistics.median(raw), "min": min(raw), "n": len(raw)}
    print("| case | gradspec ns/op (score ± err) | gradspec median / min | EJML ns/op (score ± err) "
          "| EJML median / min | ratio gradspec/EJML (score) | ratio (median) | speed-up EJML/gradspec (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for case in order:
        g, e = cells[case].get("gradspec"), cells[case].get("ejml")
        if not g or not e:
            continue
        print("| %s | %.0f ± %.0f | %.0f / %.0f | %.0f ± %.0f | %.0f / %.0f | %.3g | %.3g | %.3g |" % (
            case, g["score"], g["err"], g["median"], g["min"], e["score"], e["err"], e["median"], e["min"],
            g["score"] / e["score"], g["median"] / e["median"], e["median"] / g["median"]))


if __name__ == "__main__":
    main()
