#!/usr/bin/python3
"""gradspec against torch.autograd.gradcheck on the peer benchmark's cases, one machine, one run.

Run (from the project root or anywhere):
    /usr/bin/python3 bench/peer_compare.py                       # small + medium, ~5-10 min
    /usr/bin/python3 bench/peer_compare.py --sizes large         # opt-in, slow
    /usr/bin/python3 bench/peer_compare.py --cases linear,mlp --repeats 1

For every (case, variant, size), one after the other:
  1. writes a gradspec spec with correct claims to bench/out/specs/<case>-<variant>-<size>.yaml;
  2. runs `bin/gradspec check SPEC --format json --trials 1 --seed 0` as a process (wall time) and
     reads the JSON's top-level and per-spec duration_ms (in-process time, 1 ms resolution);
  3. runs torch.autograd.gradcheck (full mode, float64, defaults eps=1e-6 atol=1e-5 rtol=1e-3) on the
     same function and sizes in this process, using the peer's own case definitions
     (/work/shared/bench/peers/gradcheck_peer.py: build, torch_check);
  4. runs `gradcheck_peer.py --single CASE:VARIANT:SIZE:full` as a process (wall time, includes
     `import torch`), the whole-process counterpart of step 2.
Repeats: median of --repeats (default 3) for small and medium, 1 for large; each call/process is capped
at --cap-s (default 60 s). Small/medium torch in-process timings follow one untimed warm-up call (as
the peer's protocol does); gradspec processes and torch processes are always cold.

gradspec checks `trials` random points per claim (default 3); gradcheck checks one point. We pass
`--trials 1` so the ratio compares one point against one point.

Results: a table on stdout, one JSON object per cell in bench/out/results.jsonl (overwritten unless
--append).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.environ.get("GRADSPEC_PEERS", "/work/shared/bench/peers")
sys.path.insert(0, PEERS)
import gradcheck_peer as peer  # noqa: E402  (numpy only at import; torch is lazy)

SIZE_ORDER = ["small", "medium", "large"]
PY = "/usr/bin/python3"


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
  - {wrt: x, claim: "(A + A') * x"}
"""
        wrt = ["x"]
        if variant == "wrt_A_x":
            body += """  - {wrt: A, claim: "x * x'"}
"""
            wrt = ["A", "x"]
    elif case == "softmax_ce":
        # the peer's labels (default_rng(0).integers, the first draw of its build()) as one-hot rows
        N, C = dims
        y = np.random.default_rng(0).integers(0, C, size=N)
        Y = np.zeros((N, C))
        Y[np.arange(N), y] = 1.0
        body = """inputs:
  z: [N, C]
  Y: {shape: [N, C], value: %s}
define:
  L: sum(logsumexp_rows(z) - rowsum(Y .* z)) / N
claims:
  - {wrt: z, claim: (softmax_rows(z) - Y) / N}
""" % _rows(Y)
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
# timing
# ----------------------------------------------------------------------------------------------------
def run_gradspec(gradspec, spec_path, cap_s, java_opts):
    env = dict(os.environ)
    if java_opts is not None:
        env["GRADSPEC_JAVA_OPTS"] = java_opts
    argv = [gradspec, "check", spec_path, "--format", "json", "--trials", "1", "--seed", "0"]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=cap_s, env=env, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "process_s": time.perf_counter() - t0}
    wall = time.perf_counter() - t0
    rec = {"process_s": wall, "rc": p.returncode}
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        rec.update(status="error", stderr_tail=p.stderr[-600:], stdout_head=p.stdout[:300])
        return rec
    specs = doc.get("specs", [])
    rec["run_ms"] = doc.get("duration_ms")
    rec["spec_ms"] = sum(s.get("duration_ms") or 0 for s in specs)
    rec["summary"] = doc.get("summary")
    claims = [c for s in specs for c in s.get("claims", [])]
    rec["claims"] = [{"wrt": c.get("wrt"), "status": c.get("status"), "components": c.get("components"),
                      "max_abs_error": c.get("max_abs_error"), "max_rel_error": c.get("max_rel_error"),
                      "duration_ms": c.get("duration_ms")} for c in claims]
    ok = p.returncode == 0 and claims and all(c.get("status") == "passed" for c in claims)
    rec["status"] = "passed" if ok else "not passed"
    if not ok:
        rec["detail"] = [s.get("error") for s in specs] + [c.get("hints") for c in claims]
    return rec


def run_torch_inprocess(b, reps, warmup, cap_s):
    fn = b["tfn"]()
    inputs = peer.torch_inputs(b)
    call = lambda: peer.torch_check(fn, inputs, False)  # noqa: E731
    rec = {}
    try:
        if warmup:
            (verdict, msg), dt = peer.capped(call, cap_s)
            rec["warmup_s"] = dt
        times = []
        for _ in range(reps):
            (verdict, msg), dt = peer.capped(call, cap_s)
            times.append(dt)
    except peer.CapExceeded:
        rec.update(status="timeout")
        return rec
    rec.update(status=verdict, times_s=times, median_s=statistics.median(times))
    if msg:
        rec["message"] = msg[:400]
    return rec


def run_torch_process(case, variant, size, cap_s):
    argv = [PY, os.path.join(PEERS, "gradcheck_peer.py"), "--single", "%s:%s:%s:full" % (case, variant, size),
            "--cap-s", str(cap_s)]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=cap_s + 30, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "process_s": time.perf_counter() - t0}
    wall = time.perf_counter() - t0
    rec = {"process_s": wall, "rc": p.returncode}
    try:
        single = json.loads(p.stdout.strip().splitlines()[-1])
        rec["status"] = single.get("verdict")
    except (ValueError, IndexError):
        rec.update(status="error", stderr_tail=p.stderr[-400:])
    return rec


def median_of(recs, key):
    vals = [r[key] for r in recs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


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
    return "%.3f" % v


def ratio(num, den, floor=None):
    if num is None or den is None:
        return "—"
    if floor is not None and den < floor:
        return ">%.0f" % (num / floor)  # below the 1 ms resolution of duration_ms
    return "%.2g" % (num / den) if num / den < 10 else "%.0f" % (num / den)


HEADER = ("| case | variant | size | dims | n_inputs | gradspec check s | gradspec run s | gradspec process s "
          "| torch gradcheck s | torch process s | ratio torch/gradspec in-process | ratio whole-process | cpu-wait |")
ALIGN = "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"


def table_row(r):
    gs, tp, tc = r.get("gradspec", {}), r.get("torch_process", {}), r.get("torch", {})
    gs_ok, tc_ok, tp_ok = gs.get("status") == "passed", tc.get("status") == "pass", tp.get("status") == "pass"
    cw = r.get("cpu_wait_frac")
    return "| %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        r["case"], r["variant"], r["size"], " ".join("%s=%d" % kv for kv in r["dims"].items()), r["n_inputs"],
        fmt_s(gs.get("spec_s")) if gs_ok else gs.get("status", "—"),
        fmt_s(gs.get("run_s")) if gs_ok else "—",
        fmt_s(gs.get("process_s")),
        fmt_s(tc.get("median_s")) if tc_ok else tc.get("status", "—"),
        fmt_s(tp.get("process_s")) if tp_ok else tp.get("status", "—"),
        ratio(tc.get("median_s"), gs.get("spec_s"), floor=0.001) if gs_ok and tc_ok else "—",
        ratio(tp.get("process_s"), gs.get("process_s")) if gs_ok and tp_ok else "—",
        "—" if cw is None else "%.0f%%" % (100 * cw))


def machine():
    t = peer._torch()
    cpu = None
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    jv = subprocess.run(["java", "-version"], stderr=subprocess.PIPE, text=True).stderr.strip().splitlines()
    return {"kind": "machine", "date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "nproc": os.cpu_count(),
            "cpu_model": cpu, "java": jv[0] if jv else None, "torch_version": t.__version__,
            "torch_num_threads": t.get_num_threads(), "python": sys.version.split()[0],
            "platform": platform.platform(), "loadavg_start": os.getloadavg()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="small,medium")
    ap.add_argument("--cases", default=",".join(peer.CASES))
    ap.add_argument("--repeats", type=int, default=3, help="small/medium; large always 1")
    ap.add_argument("--cap-s", type=float, default=60.0)
    ap.add_argument("--gradspec", default=os.path.join(ROOT, "bin", "gradspec"))
    ap.add_argument("--java-opts", default=None, help="GRADSPEC_JAVA_OPTS for the gradspec processes")
    ap.add_argument("--no-torch-process", action="store_true", help="skip the whole-process torch timing")
    ap.add_argument("--out", default=os.path.join(HERE, "out", "results.jsonl"))
    ap.add_argument("--append", action="store_true")
    a = ap.parse_args()

    spec_dir = os.path.join(HERE, "out", "specs")
    os.makedirs(spec_dir, exist_ok=True)
    out = open(a.out, "a" if a.append else "w")

    def emit(rec):
        out.write(json.dumps(rec) + "\n")
        out.flush()

    t_start = time.perf_counter()
    # build the jar once, outside any timing (bin/gradspec builds it when missing or stale)
    subprocess.run([a.gradspec, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    m = machine()
    emit(m)
    print("gradspec: `check --format json --trials 1 --seed 0` (one random point per claim, like gradcheck's one "
          "point); torch: gradcheck full mode, float64, eps=1e-6 atol=1e-5 rtol=1e-3.")
    print("gradspec check s = the spec's duration_ms (shape check, compile, evaluate, all claims; 1 ms resolution); "
          "run s = the top-level duration_ms (adds finding and loading the file); process s = wall time of one cold "
          "`bin/gradspec` process. torch gradcheck s = one gradcheck call in a warm process; torch process s = one "
          "cold `python3 gradcheck_peer.py --single` process (includes import torch). In-process ratio = torch "
          "gradcheck s / gradspec check s. cpu-wait = share of the cell's wall time in which some runnable task "
          "waited for a CPU (Linux PSI; the box is shared). Medians of %d (small/medium), 1 for large.\n" % a.repeats)
    print(HEADER)
    print(ALIGN)
    rows = []
    for size in [s for s in SIZE_ORDER if s in a.sizes.split(",")]:
        reps = 1 if size == "large" else a.repeats
        for case in a.cases.split(","):
            sizes, variants, _ = peer.CASES[case]
            if size not in sizes:
                continue
            for variant in variants:
                dims = sizes[size]
                b = peer.build(case, variant, dims)
                text, wrt = spec_text(case, variant, size, dims)
                path = os.path.join(spec_dir, "%s-%s-%s.yaml" % (case, variant, size))
                with open(path, "w") as fh:
                    fh.write(text)
                rec = {"kind": "cell", "case": case, "variant": variant, "size": size,
                       "dims": _dims(case, dims), "n_inputs": b["n_in"], "n_outputs": b["n_out"],
                       "wrt": wrt, "spec": os.path.relpath(path, ROOT), "repeats": reps,
                       "loadavg_start": os.getloadavg()[0]}
                cont = peer.Contention()  # share of wall time some task waited for a CPU (PSI), + load
                if case == "rowlinear" and size == "large":
                    # the claim wrt X has index space (N, C, N, D) = 1.07e9 elements; the peer skipped it too
                    rec["skipped"] = "claim index space 256*64*256*256 = 1.07e9 elements (gradspec limit 1e8; " \
                                     "the peer's full-mode Jacobians would need ~54 GB)"
                    emit(rec)
                    print("| %s | %s | %s | skipped: %s |" % (case, variant, size, rec["skipped"]))
                    continue
                gs_runs = []
                for _ in range(reps):
                    r = run_gradspec(a.gradspec, path, a.cap_s, a.java_opts)
                    gs_runs.append(r)
                    if r["status"] != "passed":
                        break
                gs = {"status": gs_runs[-1]["status"], "runs": gs_runs,
                      "process_s": median_of(gs_runs, "process_s")}
                if gs_runs[-1].get("run_ms") is not None:
                    gs["run_s"] = median_of(gs_runs, "run_ms") / 1000.0
                    gs["spec_s"] = median_of(gs_runs, "spec_ms") / 1000.0
                rec["gradspec"] = gs
                rec["torch"] = run_torch_inprocess(b, reps, size != "large", a.cap_s)
                if not a.no_torch_process:
                    tps = []
                    for _ in range(reps):
                        tps.append(run_torch_process(case, variant, size, a.cap_s))
                        if tps[-1]["status"] != "pass":
                            break
                    rec["torch_process"] = {"status": tps[-1]["status"], "runs": tps,
                                            "process_s": median_of(tps, "process_s")}
                rec.update(cont.fields())
                emit(rec)
                rows.append(rec)
                print(table_row(rec), flush=True)
    emit({"kind": "run", "argv": sys.argv[1:], "wall_s": time.perf_counter() - t_start,
          "loadavg_end": os.getloadavg()})
    print("\ntotal wall time %.0f s; results in %s" % (time.perf_counter() - t_start, os.path.relpath(a.out, ROOT)))


if __name__ == "__main__":
    main()
