#!/usr/bin/python3
"""gradspec against torch.autograd.gradcheck on the peer benchmark's cases, one machine, one run.

Run (from anywhere; the machine should be otherwise idle):
    /usr/bin/python3 bench/peer_compare.py                        # everything below, ~20-25 min
    /usr/bin/python3 bench/peer_compare.py --sizes small,medium   # quicker
    /usr/bin/python3 bench/peer_compare.py --cases linear,mlp --modes full --repeats 1
    /usr/bin/python3 bench/peer_compare.py --plot-only            # redraw bench/plot.png from results.jsonl

Cells: every case and variant of the peer (bench/peers/gradcheck_peer.py: linear, rowlinear,
chain, mlp wrt_W1 and wrt_all, quadform wrt_x and wrt_A_x, softmax_ce, logdet) at its small, medium and
large sizes, plus the quadratic form wrt A alone at n = 1000 (10^6 components, `quadform wrt_A large`).
For every cell and both modes (full, fast), one after the other:
  1. writes a gradspec spec with correct claims to bench/out/specs/<case>-<variant>-<size>.yaml;
  2. runs `bin/gradspec check SPEC --format json --trials 1 --seed 0 --mode MODE` as a process: its wall
     time is the whole-process time, the spec's duration_ms in the JSON the in-process time (1 ms
     resolution; shape check, compile, evaluation, every claim, in an already started JVM);
  3. runs torch.autograd.gradcheck(fast_mode = MODE == fast), float64, defaults eps=1e-6 atol=1e-5
     rtol=1e-3, in this process (the peer's own functions and data): the in-process time;
  4. runs `peer_compare.py --torch-single CASE:VARIANT:SIZE:MODE` as a process (imports torch, builds the
     case, one gradcheck call, like the peer's `gradcheck_peer.py --single`): the whole-process time.
Medians of --repeats (default 3) for small and medium, 1 for large. Every call and process is capped at
--cap-s (default 60 s): "timeout". A torch full-mode cell whose in-process call timed out is not rerun as
a process (it would time out too). torch in-process timings follow one untimed warm-up call, except
full mode at the large size. gradspec processes and torch processes are always cold.

gradspec checks `trials` random points per claim (default 3); gradcheck checks one point, so we pass
`--trials 1`. gradspec runs with its default --jobs (= available processors).

Then the targets of issue 4:
  * fast mode on 10^6 components with one planted error (quadform wrt A, n = 1000, claim wrong in
    component (3, 7)): in-process and whole-process time, and that exactly [3, 7] is reported;
  * `bin/gradspec check specs/seed`, whole process, median of 10, next to `python3 -c 'import torch'`
    (median of 5);
  * peak memory (/usr/bin/time -v, maximum resident set size) of the 10^6-component full-mode check
    under GRADSPEC_JAVA_OPTS=-Xmx1g.

Results: tables on stdout and in bench/out/report.md, one JSON object per measurement in
bench/out/results.jsonl (overwritten unless --append), and the log-log plot bench/plot.png (time in
process against the number of wrt components, one line per tool and mode).
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.environ.get("GRADSPEC_PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
sys.path.insert(0, PEERS)
import gradcheck_peer as peer  # noqa: E402  (numpy only at import; torch is lazy)

SIZE_ORDER = ["small", "medium", "large"]
MODES = ["full", "fast"]
PY = "/usr/bin/python3"
# the quadratic form wrt A alone at n = 1000 (10^6 components): issue 4's full-mode target
EXTRA_VARIANTS = {("quadform", "large"): ["wrt_A"]}


# ----------------------------------------------------------------------------------------------------
# specs: the peer's functions written in gradspec's language, with correct claims
# ----------------------------------------------------------------------------------------------------
def _dims(case, dims):
    return dict(zip(peer.DIM_NAMES[case], dims))


def _yaml_dims(d):
    return "{" + ", ".join("%s: %d" % kv for kv in d.items()) + "}"


def _rows(mat):
    return "[" + ", ".join("[" + ", ".join("%g" % v for v in row) + "]" for row in mat) + "]"


def spec_text(case, variant, size, dims):
    """Returns (yaml, wrt list). Every claim is correct; `of` is the last definition."""
    d = _dims(case, dims)
    name = "%s %s %s" % (case, variant, size)
    head = "name: %s\ndims: %s\n" % (name, _yaml_dims(d))
    if case == "linear":
        body = """inputs: {W: [C, D], x: [D]}
define:
  y: W * x
claims:
  - {wrt: W, claim: "[i, j, k] -> delta(i, j) * x[k]"}
  - {wrt: x, claim: W}
"""
        wrt = ["W", "x"]
    elif case == "rowlinear":
        body = """inputs: {X: [N, D], W: [D, C]}
define:
  Y: X * W
claims:
  - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j]"}
  - {wrt: W, claim: "[i, j, k, l] -> X[i, k] * delta(j, l)"}
"""
        wrt = ["X", "W"]
    elif case == "chain":
        body = """inputs: {V: [C, M], W: [M, D], x: [D]}
define:
  m: W * x
  y: V * m
claims:
  - {of: y, wrt: V, claim: "[i, k, l] -> delta(i, k) * m[l]"}
  - {of: y, wrt: W, claim: "[i, k, l] -> V[i, k] * x[l]"}
  - {of: y, wrt: x, claim: V * W}
"""
        wrt = ["V", "W", "x"]
    elif case == "mlp":
        # L = sum((tanh(X W1 + b1) W2 - T)^2) / N, b1 a row broadcast over the N rows
        body = """inputs: {X: [N, D], W1: [D, H], b1: [1, H], W2: [H, C], T: [N, C]}
define:
  A: tanh(X * W1 + b1)
  R: A * W2 - T
  G: (2 / N * R * W2') .* (1 - A .* A)
  L: sum(R .* R) / N
claims:
  - {of: L, wrt: W1, claim: "X' * G"}
"""
        wrt = ["W1"]
        if variant == "wrt_all":
            body += """  - {of: L, wrt: b1, claim: colsum(G)}
  - {of: L, wrt: W2, claim: "2 / N * A' * R"}
"""
            wrt = ["W1", "b1", "W2"]
    elif case == "quadform":
        body = """inputs: {A: [n, n], x: [n]}
define:
  f: x' * A * x
claims:
"""
        wrt = []
        if variant in ("wrt_x", "wrt_A_x"):
            body += """  - {wrt: x, claim: "(A + A') * x"}
"""
            wrt.append("x")
        if variant in ("wrt_A_x", "wrt_A"):
            body += """  - {wrt: A, claim: "x * x'"}
"""
            wrt.insert(0, "A")
        if variant == "wrt_A_planted":
            # wrong in exactly one component, (3, 7), by 1: fast mode must find and localise it
            body += """  - {wrt: A, claim: "[i, j] -> x[i] * x[j] + delta(i, 3) * delta(j, 7)"}
"""
            wrt.insert(0, "A")
    elif case == "softmax_ce":
        # the peer's labels (default_rng(0).integers, the first draw of its build()) as one-hot rows
        N, C = dims
        y = np.random.default_rng(0).integers(0, C, size=N)
        Y = np.zeros((N, C))
        Y[np.arange(N), y] = 1.0
        # one row per line, as a person writes a matrix: a single 150 kB line made the spec loader
        # quadratic (SourceFile.offsetOf walks the whole line for every scalar; 33 s at the large size)
        body = """inputs:
  z: [N, C]
  Y:
    shape: [N, C]
    value:
%s
define:
  L: sum(logsumexp_rows(z) - rowsum(Y .* z)) / N
claims:
  - {wrt: z, claim: (softmax_rows(z) - Y) / N}
""" % "\n".join("      - [" + ", ".join("%g" % v for v in row) + "]" for row in Y)
        wrt = ["z"]
    elif case == "logdet":
        body = """inputs: {X: {shape: [n, n], init: spd}}
define:
  f: logdet(X)
claims:
  - {wrt: X, claim: "inv(X)'"}
"""
        wrt = ["X"]
    else:
        raise ValueError(case)
    return head + body, wrt


# ----------------------------------------------------------------------------------------------------
# the torch side
# ----------------------------------------------------------------------------------------------------
def torch_build(case, variant, dims):
    """The peer's case; variant wrt_A (not one of the peer's) is its wrt_A_x with only A requiring grad."""
    if case == "quadform" and variant in ("wrt_A", "wrt_A_planted"):
        b = peer.build(case, "wrt_A_x", dims)
        b["variant"], b["checked"] = variant, ["A"]
        b["n_in"] = int(dims[0]) ** 2
        return b
    return peer.build(case, variant, dims)


def cells(sizes, cases):
    for size in [s for s in SIZE_ORDER if s in sizes]:
        for case in cases:
            case_sizes, variants, _ = peer.CASES[case]
            if size not in case_sizes:
                continue
            for variant in list(variants) + EXTRA_VARIANTS.get((case, size), []):
                yield case, variant, size, case_sizes[size]


def run_torch_inprocess(b, mode, reps, warmup, cap_s):
    fn = b["tfn"]()
    inputs = peer.torch_inputs(b)
    call = lambda: peer.torch_check(fn, inputs, mode == "fast")  # noqa: E731
    rec = {}
    try:
        if warmup:
            _, dt = peer.capped(call, cap_s)
            rec["warmup_s"] = dt
        times = []
        for _ in range(reps):
            (verdict, msg), dt = peer.capped(call, cap_s)
            times.append(dt)
    except peer.CapExceeded:
        rec.update(status="timeout", cap_s=cap_s)
        return rec
    rec.update(status=verdict, times_s=times, median_s=statistics.median(times))
    if msg:
        rec["message"] = msg[:400]
    return rec


def torch_single(arg, cap_s):
    """--torch-single CASE:VARIANT:SIZE:MODE: one gradcheck in this (fresh) process, JSON on stdout."""
    case, variant, size, mode = arg.split(":")
    b = torch_build(case, variant, peer.CASES[case][0][size])
    fn = b["tfn"]()
    inputs = peer.torch_inputs(b)
    try:
        (verdict, _), dt = peer.capped(lambda: peer.torch_check(fn, inputs, mode == "fast"), cap_s)
    except peer.CapExceeded:
        verdict, dt = "timeout", None
    print(json.dumps({"verdict": verdict, "check_s": dt}))


def run_torch_process(case, variant, size, mode, cap_s):
    argv = [PY, os.path.abspath(__file__), "--torch-single", "%s:%s:%s:%s" % (case, variant, size, mode),
            "--cap-s", str(cap_s)]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=cap_s + 30, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "process_s": time.perf_counter() - t0}
    rec = {"process_s": time.perf_counter() - t0, "rc": p.returncode}
    try:
        single = json.loads(p.stdout.strip().splitlines()[-1])
        rec["status"], rec["check_s"] = single["verdict"], single["check_s"]
    except (ValueError, IndexError, KeyError):
        rec.update(status="error", stderr_tail=p.stderr[-400:])
    return rec


# ----------------------------------------------------------------------------------------------------
# the gradspec side
# ----------------------------------------------------------------------------------------------------
def run_gradspec(gradspec, spec_path, mode, cap_s, java_opts, expect="passed"):
    env = dict(os.environ)
    if java_opts is not None:
        env["GRADSPEC_JAVA_OPTS"] = java_opts
    argv = [gradspec, "check", spec_path, "--format", "json", "--trials", "1", "--seed", "0", "--mode", mode]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=cap_s, env=env, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "process_s": time.perf_counter() - t0}
    rec = {"process_s": time.perf_counter() - t0, "rc": p.returncode}
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        rec.update(status="error", stderr_tail=p.stderr[-600:], stdout_head=p.stdout[:300])
        return rec
    specs = doc.get("specs", [])
    rec["run_ms"] = doc.get("duration_ms")
    rec["spec_ms"] = sum(s.get("duration_ms") or 0 for s in specs)
    claims = [c for s in specs for c in s.get("claims", [])]
    rec["claims"] = [{k: c.get(k) for k in ("wrt", "status", "mode", "components", "mismatches", "max_abs_error",
                                             "max_rel_error", "offenders")} for c in claims]
    rec["modes"] = sorted({c.get("mode") for c in claims if c.get("mode")})
    ok = bool(claims) and all(c.get("status") == expect for c in claims)
    rec["status"] = expect if ok else "unexpected: " + ",".join(str(c.get("status")) for c in claims)
    if not ok:
        rec["detail"] = [s.get("error") for s in specs] + [c.get("hints") for c in claims]
    return rec


WARM_CP = os.path.join(HERE, "out", "cp.txt")
# A JVM's JIT needs many calls, not one, to reach its steady state: gradspec's warm-up repeats the untimed
# check for this long (at least once). torch's one warm-up call is what the peer's protocol does for it.
WARMUP_S = 2.0


def build_warm_driver():
    """Compiles the test classes (io.gradspec.bench.WarmCheck) and writes the dependency classpath."""
    subprocess.run(["mvn", "-B", "-q", "test-compile", "dependency:build-classpath",
                    "-Dmdep.outputFile=" + WARM_CP], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def run_gradspec_warm(spec_path, mode, reps, cap_s):
    """The peer's in-process protocol on the gradspec side: one JVM, untimed warm-up checks of the spec for
    WARMUP_S (at least one), then `reps` timed checks (each loads, shape-checks, compiles, draws, evaluates and compares; default JVM
    flags, C2 on, default --jobs), median. WarmCheck prints one JSON line."""
    with open(WARM_CP) as fh:
        cp = ":".join([os.path.join(ROOT, "target", "test-classes"), os.path.join(ROOT, "target", "classes"),
                       fh.read().strip()])
    argv = ["java", "-cp", cp, "io.gradspec.bench.WarmCheck", spec_path, str(reps), mode,
            str(os.cpu_count()), "1", str(WARMUP_S)]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=cap_s * (reps + 1) + 30, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "process_s": time.perf_counter() - t0}
    try:
        rec = json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"status": "error", "stderr_tail": p.stderr[-600:]}
    rec["status"] = "passed" if rec.get("exit_code") == 0 else "exit %s" % rec.get("exit_code")
    return rec


def median_of(recs, key):
    vals = [r[key] for r in recs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def wall_median(argv, reps, env=None):
    times, rc = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t0)
        rc = p.returncode
    return {"times_s": times, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "rc": rc}


# ----------------------------------------------------------------------------------------------------
# report
# ----------------------------------------------------------------------------------------------------
def fmt_s(v):
    if v is None:
        return "—"
    if v >= 10:
        return "%.1f" % v
    if v >= 1:
        return "%.2f" % v
    if v >= 0.01:
        return "%.3f" % v
    return "%.4f" % v


def ratio(num, den, floor=None):
    if num is None or den is None:
        return "—"
    if floor is not None and den < floor:
        return ">%.0f" % (num / floor)  # below the 1 ms resolution of duration_ms
    q = num / den
    return "%.2g" % q if q < 10 else "%.0f" % q


HEADER = ("| mode | case | variant | size | dims | wrt n | gradspec in-process warm s | gradspec in-process cold s "
          "| gradspec process s | torch in-process s | torch process s | **torch/gradspec in-process (warm)** "
          "| torch/gradspec in-process (gradspec cold) | torch/gradspec whole-process | cpu-wait |")
ALIGN = "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"


def in_process_ratio(tc, gradspec_s, floor=None):
    """torch in-process ÷ gradspec in-process, or "> x" from torch's cap when torch timed out."""
    if gradspec_s is None:
        return "—"
    if tc.get("status") == "timeout":
        return ">%.0f" % (tc["cap_s"] / gradspec_s)
    return ratio(tc.get("median_s"), gradspec_s, floor) if tc.get("status") == "pass" else "—"


def table_row(r):
    gs, tc, tp = r.get("gradspec", {}), r.get("torch", {}), r.get("torch_process", {})
    gw = r.get("gradspec_warm", {})
    gs_ok, tc_ok, tp_ok = gs.get("status") == "passed", tc.get("status") == "pass", tp.get("status") == "pass"
    gw_ok = gw.get("status") == "passed"
    gw_in = gw.get("median_s") if gw_ok else None
    gs_in = gs.get("spec_s") if gs_ok else None
    tc_in = tc.get("median_s") if tc_ok else None
    tp_s = tp.get("process_s") if tp_ok else None
    mode_note = "" if gs.get("modes") in (None, [r["mode"]]) else " (ran %s)" % "+".join(gs.get("modes"))
    warm_ratio = in_process_ratio(tc, gw_in)
    in_ratio = in_process_ratio(tc, gs_in, floor=0.001)  # duration_ms has 1 ms resolution
    if tp.get("status") == "timeout" and gs_ok:
        wp_ratio = ">%.0f" % (tp.get("cap_s", 60) / gs["process_s"])
    else:
        wp_ratio = ratio(tp_s, gs.get("process_s")) if gs_ok and tp_ok else "—"
    cw = r.get("cpu_wait_frac")
    return "| %s%s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        r["mode"], mode_note, r["case"], r["variant"], r["size"],
        " ".join("%s=%d" % kv for kv in r["dims"].items()), r["n_inputs"],
        fmt_s(gw_in) if gw_ok else gw.get("status", "—"),
        fmt_s(gs_in) if gs_ok else gs.get("status", "—"),
        fmt_s(gs.get("process_s")) if gs_ok else "—",
        fmt_s(tc_in) if tc_ok else tc.get("status", "—"),
        fmt_s(tp_s) if tp_ok else tp.get("status", "—"),
        warm_ratio, in_ratio, wp_ratio, "—" if cw is None else "%.0f%%" % (100 * cw))


def machine():
    t = peer._torch()
    cpu = None
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    jv = subprocess.run(["java", "-version"], stderr=subprocess.PIPE, text=True).stderr.strip().splitlines()
    git = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                         text=True).stdout.strip()
    return {"kind": "machine", "date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "nproc": os.cpu_count(),
            "cpu_model": cpu, "java": jv[0] if jv else None, "torch_version": t.__version__,
            "torch_num_threads": t.get_num_threads(), "python": sys.version.split()[0],
            "platform": platform.platform(), "loadavg_start": os.getloadavg(), "gradspec_commit": git}


def gradspec_in_s(r):
    """gradspec's in-process time of a cell: warm (the peer's protocol) when measured, else cold."""
    w = r.get("gradspec_warm", {})
    return w["median_s"] if w.get("status") == "passed" else r["gradspec"]["spec_s"]


def plot(records, path):
    """Log-log: in-process time against the number of wrt components, one line per (tool, mode)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 6.2), dpi=110)
    styles = {("gradspec", "full"): ("tab:blue", "o", "-"), ("gradspec", "fast"): ("tab:blue", "s", "--"),
              ("torch", "full"): ("tab:red", "o", "-"), ("torch", "fast"): ("tab:red", "s", "--")}
    floor = 1e-4
    for (tool, mode), (color, marker, ls) in styles.items():
        pts, capped = [], []
        for r in records:
            if r.get("kind") != "cell" or r["mode"] != mode:
                continue
            side = r.get("gradspec" if tool == "gradspec" else "torch", {})
            if tool == "gradspec" and side.get("status") == "passed":
                pts.append((r["n_inputs"], max(gradspec_in_s(r), floor)))
            elif tool == "torch" and side.get("status") == "pass":
                pts.append((r["n_inputs"], max(side["median_s"], floor)))
            elif side.get("status") == "timeout":
                capped.append((r["n_inputs"], side.get("cap_s", 60.0)))
        label = "%s %s" % ("gradspec" if tool == "gradspec" else "torch gradcheck", mode)
        if pts:
            pts.sort()
            # one point per case/size; the line joins the per-n medians so the trend stays readable
            ns = sorted({n for n, _ in pts})
            ax.scatter([n for n, _ in pts], [t for _, t in pts], color=color, marker=marker, s=28,
                       alpha=0.75, zorder=3)
            ax.plot(ns, [statistics.median([t for m, t in pts if m == n]) for n in ns], color=color,
                    linestyle=ls, linewidth=1.4, label=label)
        if mode == "full":
            for r in records:  # name the large cells, where the lines separate
                side = r.get("gradspec" if tool == "gradspec" else "torch", {}) if r.get("kind") == "cell" else {}
                if r.get("kind") == "cell" and r["mode"] == mode and r["size"] == "large" and \
                        side.get("status") in ("passed", "pass", "timeout"):
                    t = (gradspec_in_s(r) if tool == "gradspec" else None) or side.get("median_s") or \
                        side.get("cap_s", 60.0)
                    ax.annotate("%s %s" % (r["case"], r["variant"].replace("wrt_", "")), (r["n_inputs"], t),
                                textcoords="offset points", xytext=(5, -9) if tool == "gradspec" else (-5, 5),
                                ha="left" if tool == "gradspec" else "right", fontsize=6.5, color=color,
                                alpha=0.9)
        if capped:
            ax.scatter([n for n, _ in capped], [t for _, t in capped], color=color, marker="^", s=70,
                       zorder=4, label="%s: timeout at %.0f s (lower bound)" % (label, capped[0][1]))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("wrt components n (inputs perturbed)")
    ax.set_ylabel("in-process time of one check, s")
    ax.set_title("gradspec vs torch.autograd.gradcheck, peer cases, in-process, warm on both sides (peer's protocol)\n"
                 "points: one case/size each; lines: median over the cases at each n; floor %g s" % floor, fontsize=9)
    ax.grid(True, which="major", alpha=0.4)
    ax.grid(True, which="minor", alpha=0.12)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


# ----------------------------------------------------------------------------------------------------
# the extra targets
# ----------------------------------------------------------------------------------------------------
def planted(a, spec_dir, emit, out_lines):
    text, _ = spec_text("quadform", "wrt_A_planted", "large", (1000,))
    path = os.path.join(spec_dir, "quadform-wrt_A_planted-large.yaml")
    with open(path, "w") as fh:
        fh.write(text)
    runs = [run_gradspec(a.gradspec, path, "fast", a.cap_s, a.java_opts, expect="failed") for _ in range(3)]
    offenders = [[o.get("index") for o in (c.get("offenders") or [])] for r in runs for c in r.get("claims", [])]
    rec = {"kind": "planted", "spec": os.path.relpath(path, ROOT), "runs": runs,
           "spec_s": median_of(runs, "spec_ms") / 1000.0 if runs[0].get("spec_ms") is not None else None,
           "process_s": median_of(runs, "process_s"), "offenders": offenders,
           "found_exactly_3_7": all(o == [[3, 7]] for o in offenders)}
    emit(rec)
    out_lines.append("fast mode, 10^6 components, one planted error at (3, 7): in-process %s s, whole process %s s "
                     "(median of 3); offenders reported %s; mode %s" % (
                         fmt_s(rec["spec_s"]), fmt_s(rec["process_s"]), offenders[0] if offenders else None,
                         runs[0].get("modes")))
    return rec


def startup(a, emit, out_lines):
    seed = wall_median([a.gradspec, "check", "specs/seed"], 1)  # untimed: builds nothing, warms the page cache
    seed = wall_median([a.gradspec, "check", "specs/seed"], 10)
    torch_imp = wall_median([PY, "-c", "import torch"], 5)
    rec = {"kind": "startup", "gradspec_check_seed": seed, "python_import_torch": torch_imp}
    emit(rec)
    out_lines.append("`bin/gradspec check specs/seed` whole process: median %s s (min %s, max %s, n=10, exit %s); "
                     "`python3 -c 'import torch'`: median %s s (min %s, max %s, n=5)" % (
                         fmt_s(seed["median_s"]), fmt_s(seed["min_s"]), fmt_s(seed["max_s"]), seed["rc"],
                         fmt_s(torch_imp["median_s"]), fmt_s(torch_imp["min_s"]), fmt_s(torch_imp["max_s"])))
    return rec


def peak_memory(a, spec_dir, emit, out_lines):
    path = os.path.join(spec_dir, "quadform-wrt_A-large.yaml")
    if not os.path.exists(path):
        text, _ = spec_text("quadform", "wrt_A", "large", (1000,))
        with open(path, "w") as fh:
            fh.write(text)
    env = dict(os.environ, GRADSPEC_JAVA_OPTS="-Xmx1g")
    argv = ["/usr/bin/time", "-v", a.gradspec, "check", path, "--format", "json", "--trials", "1", "--seed", "0",
            "--mode", "full"]
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd="/tmp")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    w = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", p.stderr)
    status = None
    try:
        status = [c["status"] for s in json.loads(p.stdout)["specs"] for c in s["claims"]]
    except (ValueError, KeyError):
        pass
    rec = {"kind": "memory", "java_opts": "-Xmx1g", "rc": p.returncode, "statuses": status,
           "max_rss_kib": int(m.group(1)) if m else None, "wall": w.group(1) if w else None}
    emit(rec)
    out_lines.append("peak memory, quadform wrt A n=1000 (10^6 components) full mode, GRADSPEC_JAVA_OPTS=-Xmx1g: "
                     "max RSS %s MiB (whole JVM process), exit %s, claims %s, wall %s" % (
                         "%.0f" % (rec["max_rss_kib"] / 1024) if rec["max_rss_kib"] else "—", p.returncode, status,
                         rec["wall"]))
    return rec


# ----------------------------------------------------------------------------------------------------
def layers(a, spec_dir, emit):
    """Issue 13's layers (bench/layer_cases.py): torch gradcheck full against gradspec full, both in-process and
    warm, one trial; the conv2d case also as one whole `bin/gradspec` process. Writes out/layers.md."""
    import layer_cases as lc
    t = peer._torch()
    rows = ["| case | size | components (wrt) | gradspec full, warm | torch full, warm | torch ÷ gradspec | verdicts |",
            "|---|---|---|---|---|---|---|"]
    for case, (sizes, _) in lc.CASES.items():
        for size in sizes:
            if a.layer_cells and "%s:%s" % (case, size) not in a.layer_cells.split(","):
                continue
            path = os.path.join(spec_dir, "layer-%s-%s.yaml" % (case, size))
            with open(path, "w") as fh:
                fh.write(lc.spec_text(case, size))
            g = run_gradspec_warm(path, "full", a.repeats, a.cap_s) if not a.no_warm else {}
            fn, inputs = lc.torch_case(case, size)
            call = lambda: peer.torch_check(fn, inputs, False)  # noqa: E731
            tr = {}
            try:
                (verdict, _), dt = peer.capped(call, a.cap_s)
                times = [dt]
                if dt * a.repeats < a.cap_s:
                    for _ in range(a.repeats):
                        (verdict, _), dt = peer.capped(call, a.cap_s)
                        times.append(dt)
                    times = times[1:]  # the first call was the warm-up
                tr = {"status": verdict, "times_s": times, "median_s": statistics.median(times)}
            except peer.CapExceeded:
                tr = {"status": "timeout", "cap_s": a.cap_s}
            n_in = sum(int(x.numel()) for x in inputs if x.requires_grad)
            if tr.get("status") == "timeout":
                # a lower bound instead: full gradcheck evaluates fn at x +- eps e_k for every input component,
                # so it costs at least 2 n forward calls (timed here without autograd, the cheapest way)
                with t.no_grad():
                    fn(*inputs)
                    fwd = []
                    for _ in range(5):
                        t0 = time.perf_counter()
                        fn(*inputs)
                        fwd.append(time.perf_counter() - t0)
                tr["forward_s"] = statistics.median(fwd)
                tr["lower_bound_s"] = 2 * n_in * tr["forward_s"]
            rec = {"kind": "layer", "case": case, "size": size, "n_in": n_in, "gradspec": g, "torch": tr}
            if case == "conv2d" and size == next(iter(sizes)):
                rec["gradspec_process"] = wall_median([a.gradspec, "check", path], 5)
            emit(rec)
            gs, ts = g.get("median_s"), tr.get("median_s")
            lb = tr.get("lower_bound_s")
            ratio_txt = ("%.1f" % (ts / gs)) if gs and ts else (
                "≥ %.1f (torch ≥ 2n forwards = %.0f s)" % (max(lb, a.cap_s) / gs, max(lb, a.cap_s)) if gs and lb else "–")
            rows.append("| %s | %s | %d | %s | %s | %s | gradspec exit %s, torch %s |" % (
                case, size, n_in, fmt_s(gs) if gs else g.get("status", "–"),
                fmt_s(ts) if ts else "timeout at %.0f s" % a.cap_s, ratio_txt, g.get("exit_code"), tr.get("status")))
            print(rows[-1], flush=True)
            if "gradspec_process" in rec:
                print("  conv2d whole process, median of 5: %.3f s" % rec["gradspec_process"]["median_s"], flush=True)
    with open(os.path.join(HERE, "out", "layers.md"), "w") as fh:
        fh.write("\n".join(rows) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="small,medium,large")
    ap.add_argument("--cases", default=",".join(peer.CASES))
    ap.add_argument("--modes", default="full,fast")
    ap.add_argument("--repeats", type=int, default=3, help="small/medium; large always 1")
    ap.add_argument("--cap-s", type=float, default=60.0)
    ap.add_argument("--gradspec", default=os.path.join(ROOT, "bin", "gradspec"))
    ap.add_argument("--java-opts", default=None, help="GRADSPEC_JAVA_OPTS for the gradspec processes")
    ap.add_argument("--no-torch-process", action="store_true", help="skip the whole-process torch timing")
    ap.add_argument("--no-extras", action="store_true", help="skip planted error, start-up and memory")
    ap.add_argument("--no-warm", action="store_true", help="skip gradspec's warm in-process timing")
    ap.add_argument("--out", default=os.path.join(HERE, "out", "results.jsonl"))
    ap.add_argument("--plot", default=os.path.join(HERE, "plot.png"))
    ap.add_argument("--plot-only", action="store_true", help="redraw the plot from --out and exit")
    ap.add_argument("--append", action="store_true")
    ap.add_argument("--torch-single", help=argparse.SUPPRESS)
    ap.add_argument("--layers", action="store_true", help="only issue 13's layers (bench/layer_cases.py)")
    ap.add_argument("--layer-cells", help="with --layers, only these CASE:SIZE cells (comma-separated)")
    a = ap.parse_args()

    if a.torch_single:
        torch_single(a.torch_single, a.cap_s)
        return
    if a.plot_only:
        with open(a.out) as fh:
            plot([json.loads(line) for line in fh if line.strip()], a.plot)
        return

    spec_dir = os.path.join(HERE, "out", "specs")
    os.makedirs(spec_dir, exist_ok=True)
    out = open(a.out, "a" if a.append else "w")
    records = []

    def emit(rec):
        records.append(rec)
        out.write(json.dumps(rec) + "\n")
        out.flush()

    t_start = time.perf_counter()
    # build the jar and the class-data archive once, outside any timing
    subprocess.run([a.gradspec, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not a.no_warm:
        build_warm_driver()
    if a.layers:
        layers(a, spec_dir, emit)
        return
    m = machine()
    emit(m)
    lines = ["machine: nproc %s, %s, %s, torch %s (%d thread), Python %s, gradspec %s, %s" % (
        m["nproc"], m["cpu_model"], m["java"], m["torch_version"], m["torch_num_threads"], m["python"],
        m["gradspec_commit"], m["date"]), "",
        "gradspec: `check SPEC --format json --trials 1 --seed 0 --mode MODE` (default --jobs); torch: gradcheck "
        "float64, eps=1e-6 atol=1e-5 rtol=1e-3, fast_mode=(MODE == fast). in-process warm: the peer's protocol on "
        "both sides (one JVM / Python process, untimed warm-up (torch: one call; gradspec: repeated for 2 s, at "
        "least once, since a JIT warms over many calls), then the median of 5 timed checks; "
        "gradspec: WarmCheck, a whole Suite.run of the spec file each time, load and compile included; large: "
        "3 or 1 timed, torch large full: no warm-up, 1 timed); in-process cold: the spec's duration_ms in a JVM "
        "that has just started (1 ms resolution); process: wall time of one cold process. Medians of %d "
        "(small, medium), 1 (large); cap %.0f s." % (a.repeats, a.cap_s), "",
        HEADER, ALIGN]
    for line in lines:
        print(line, flush=True)
    rows = []
    for case, variant, size, dims in cells(a.sizes.split(","), a.cases.split(",")):
        reps = 1 if size == "large" else a.repeats
        b = torch_build(case, variant, dims)
        text, wrt = spec_text(case, variant, size, dims)
        path = os.path.join(spec_dir, "%s-%s-%s.yaml" % (case, variant, size))
        with open(path, "w") as fh:
            fh.write(text)
        for mode in a.modes.split(","):
            rec = {"kind": "cell", "mode": mode, "case": case, "variant": variant, "size": size,
                   "dims": _dims(case, dims), "n_inputs": b["n_in"], "n_outputs": b["n_out"], "wrt": wrt,
                   "spec": os.path.relpath(path, ROOT), "repeats": reps, "loadavg_start": os.getloadavg()[0]}
            cont = peer.Contention()  # share of wall time some task waited for a CPU (PSI)
            gs_runs = []
            for _ in range(reps):
                r = run_gradspec(a.gradspec, path, mode, a.cap_s, a.java_opts)
                gs_runs.append(r)
                if r["status"] != "passed":
                    break
            gs = {"status": gs_runs[-1]["status"], "runs": gs_runs, "process_s": median_of(gs_runs, "process_s"),
                  "modes": gs_runs[-1].get("modes")}
            if gs["status"] == "passed":
                gs["run_s"] = median_of(gs_runs, "run_ms") / 1000.0
                gs["spec_s"] = median_of(gs_runs, "spec_ms") / 1000.0
            rec["gradspec"] = gs
            if gs["status"] == "passed" and not a.no_warm:
                # a check that takes long cold is timed once warm (like torch's single large full call)
                wreps = 5 if size != "large" else (3 if (gs.get("spec_s") or 0) < 5 else 1)
                rec["gradspec_warm"] = run_gradspec_warm(path, mode, wreps, a.cap_s)
            est = 5 * 8 * b["n_in"] * b["n_out"]  # the peer's rule for full-mode dense Jacobians
            avail = peer.mem_available()
            if mode == "full" and avail is not None and est > peer.MEM_FRACTION * avail:
                rec["torch"] = {"status": "skipped (%.0f GB of Jacobians)" % (est / 1e9)}
                rec["torch_process"] = {"status": "skipped"}
            else:
                rec["torch"] = run_torch_inprocess(b, mode, reps, size != "large" or mode == "fast", a.cap_s)
                if a.no_torch_process:
                    pass
                elif rec["torch"].get("status") == "timeout":
                    rec["torch_process"] = {"status": "timeout", "cap_s": a.cap_s,
                                            "note": "not run: the in-process call already exceeded the cap"}
                else:
                    tps = []
                    for _ in range(reps):
                        tps.append(run_torch_process(case, variant, size, mode, a.cap_s))
                        if tps[-1]["status"] != "pass":
                            break
                    rec["torch_process"] = {"status": tps[-1]["status"], "runs": tps,
                                            "process_s": median_of(tps, "process_s"), "cap_s": a.cap_s}
            rec.update(cont.fields())
            emit(rec)
            rows.append(table_row(rec))
            print(rows[-1], flush=True)

    extras = []
    if not a.no_extras:
        planted(a, spec_dir, emit, extras)
        startup(a, emit, extras)
        peak_memory(a, spec_dir, emit, extras)
        print()
        for line in extras:
            print(line, flush=True)
    cellrecs = [r for r in records if r.get("kind") == "cell"]
    if cellrecs:
        plot(records, a.plot)
    wall = time.perf_counter() - t_start
    emit({"kind": "run", "argv": sys.argv[1:], "wall_s": wall, "loadavg_end": os.getloadavg()})
    with open(os.path.join(HERE, "out", "report.md"), "w") as fh:
        fh.write("\n".join(lines + rows + [""] + extras) + "\n\ntotal wall time %.0f s\n" % wall)
    print("\ntotal wall time %.0f s; results in %s, plot %s" % (wall, os.path.relpath(a.out, ROOT),
                                                             os.path.relpath(a.plot, ROOT)))


if __name__ == "__main__":
    main()
