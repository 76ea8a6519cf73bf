#!/usr/bin/env python3
"""gradspec checking a PyTorch custom autograd.Function through the program protocol, side by side with
torch.autograd.gradcheck on the same Function, one after the other in one run (bench/README.md,
"Programs against torch gradcheck"). Cases mirror the peer benchmark's linear, MLP and softmax
cross-entropy at small, medium and large sizes (bench/programs/torch_cases.py).

    /usr/bin/python3 bench/program_vs_gradcheck.py [--sizes small,medium,large] [--cases linear,mlp,softmax_ce] [--modes full,fast]

gradspec runs as a user runs it, through bin/gradspec. Both sides are timed as whole processes (each starts Python and imports torch once: gradspec starts the
program, the peer runs gradcheck), and the peer's in-process gradcheck time is printed beside it.
gradspec runs with --trials 1, as gradcheck checks one point. The request and byte counts come from the
adapter (GRADSPEC_PROGRAM_STATS). A second pass flips the sign of one gradient element (BUG=1) and runs both fast modes.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "bench", "programs", "torch_cases.py")
GRADSPEC = os.path.join(ROOT, "bin", "gradspec")
PY = "/usr/bin/python3"
DIMS = {
    "linear": {"small": (3, 7), "medium": (64, 64), "large": (256, 256)},
    "mlp": {"small": (8, 4, 6, 3), "medium": (64, 32, 64, 10), "large": (128, 64, 128, 10)},
    "softmax_ce": {"small": (4, 3), "medium": (128, 10), "large": (512, 100)},
}


def spec(case, size):
    d = DIMS[case][size]
    run = "[%s, %s, %s, %s, serve]" % (PY, CASES, case, size)
    if case == "linear":
        return ("name: linear %s\ndims: {C: %d, D: %d}\nprogram: {run: %s}\n"
                "functions: {linear: {args: [[C, D], [D]], returns: [C]}}\ninputs: {W: [C, D], x: [D]}\n"
                "define: {y: \"linear(W, x)\"}\nclaims:\n  - {of: y, wrt: W, claim: program}\n"
                "  - {of: y, wrt: x, claim: program}\n") % (size, d[0], d[1], run)
    if case == "mlp":
        return ("name: mlp %s\ndims: {D: %d, H: %d, C: %d}\nprogram: {run: %s}\n"
                "functions: {mlp: {args: [[D, H], [H], [H, C]], returns: []}}\n"
                "inputs: {W1: [D, H], b1: [H], W2: [H, C]}\ndefine: {L: \"mlp(W1, b1, W2)\"}\n"
                "claims:\n  - {of: L, wrt: W1, claim: program}\n") % (size, d[1], d[2], d[3], run)
    return ("name: softmax_ce %s\ndims: {N: %d, C: %d}\nprogram: {run: %s}\n"
            "functions: {softmax_ce: {args: [[N, C]], returns: []}}\ninputs: {z: [N, C]}\n"
            "define: {L: softmax_ce(z)}\nclaims:\n  - {of: L, wrt: z, claim: program}\n") % (size, d[0], d[1], run)


def gradspec(case, size, mode, bug):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "spec.yaml")
        stats = os.path.join(tmp, "stats.jsonl")
        with open(path, "w") as f:
            f.write(spec(case, size))
        env = dict(os.environ, GRADSPEC_PROGRAM_STATS=stats, BUG="1" if bug else "0")
        t0 = time.perf_counter()
        p = subprocess.run([GRADSPEC, "check", path, "--allow-programs", "--trials", "1", "--mode", mode,
                            "--format", "json"], capture_output=True, text=True, env=env, timeout=1800)
        wall = time.perf_counter() - t0
        report = json.loads(p.stdout) if p.stdout.strip().startswith("{") else None
        st = [json.loads(l) for l in open(stats)] if os.path.exists(stats) else []
        status, where = "?", ""
        if report:
            s = report["specs"][0]
            status = s["status"]
            offs = [o for c in s["claims"] for o in c.get("offenders", [])]
            if offs:
                where = str(offs[0]["index"])
        return {"wall": wall, "status": status, "where": where, "exit": p.returncode,
                "requests": sum(x["requests"] for x in st), "bytes_in": sum(x["bytes_in"] for x in st),
                "bytes_out": sum(x["bytes_out"] for x in st), "stderr": p.stderr[-300:]}


def gradcheck(case, size, mode, bug):
    env = dict(os.environ, BUG="1" if bug else "0")
    t0 = time.perf_counter()
    p = subprocess.run([PY, CASES, case, size, "gradcheck", mode], capture_output=True, text=True, env=env,
                       timeout=1800)
    wall = time.perf_counter() - t0
    try:
        r = json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        r = {"seconds": float("nan"), "verdict": "crash: " + p.stderr[-200:]}
    return {"wall": wall, "inproc": r["seconds"], "verdict": r["verdict"]}


def kb(n):
    return "%.0f KB" % (n / 1024) if n < 10 * 1024 * 1024 else "%.0f MB" % (n / 1024 / 1024)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="small,medium,large")
    ap.add_argument("--cases", default="linear,mlp,softmax_ce")
    ap.add_argument("--modes", default="full,fast", help="full,fast; fast alone skips the slow full rows")
    a = ap.parse_args()
    # as a user runs it (bin/gradspec: its class-data archive and JVM options); this first call builds the jar
    # and the archive when they are missing, so that no timed run pays for either
    subprocess.run([GRADSPEC, "--version"], check=True, capture_output=True)
    print("| case | size | mode | gradspec s | requests | sent | received | gradcheck s (in-process) | ratio | verdicts |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    for case in a.cases.split(","):
        for size in a.sizes.split(","):
            for mode in a.modes.split(","):
                g = gradspec(case, size, mode, False)
                t = gradcheck(case, size, mode, False)
                print("| %s | %s | %s | %.2f | %d | %s | %s | %.2f (%.3f) | %.2f | %s / %s |" % (
                    case, size, mode, g["wall"], g["requests"], kb(g["bytes_in"]), kb(g["bytes_out"]), t["wall"],
                    t["inproc"], g["wall"] / t["wall"], g["status"], t["verdict"]), flush=True)
    print()
    print("Planted error (the sign of one element of the gradient flipped), fast modes:")
    print()
    print("| case | size | gradspec fast | where | gradcheck fast_mode |")
    print("|---|---|---|---|---|")
    for case in a.cases.split(","):
        for size in a.sizes.split(","):
            g = gradspec(case, size, "fast", True)
            t = gradcheck(case, size, "fast", True)
            print("| %s | %s | %s (%.2f s) | %s | %s (%.2f s) |" % (case, size, g["status"], g["wall"], g["where"],
                                                                 t["verdict"], t["wall"]), flush=True)


if __name__ == "__main__":
    main()
