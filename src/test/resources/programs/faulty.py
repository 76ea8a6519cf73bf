"""A program that misbehaves on purpose, for the protocol's fault tests: faulty.py MODE.

Every mode serves f(x) = x * x (vjp: 2 x ct) correctly for its hello, then fails in its own way from the
first request on (or, for `late-exit`, at the third).
"""
import json
import os
import signal
import subprocess
import sys
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "good"


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def square(a):
    return {"shape": a["shape"], "data": [float(v) * float(v) for v in a["data"]]}


count = 0
for line in sys.stdin:
    req = json.loads(line)
    if req.get("op") == "bye":
        if mode == "ignore-bye":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            # a child in the same process group, which must die with it
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
            while True:
                time.sleep(1)
        break
    if req.get("op") == "hello":
        if mode == "bad-hello":
            reply({"ok": True, "functions": {"g": {"ops": ["eval"]}}})
            continue
        reply({"ok": True, "program": "faulty.py " + mode,
               "functions": {"f": {"ops": ["eval", "vjp"], "dtype": "float64"}}})
        if mode == "spawn":
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        continue
    count += 1
    rid = req["id"]
    if mode == "good" or mode == "ignore-bye" or mode == "spawn" or (mode == "late-exit" and count < 3):
        if req["op"] == "vjp":
            x = req["args"][0]
            reply({"id": rid, "ok": True, "grads": [[{"shape": x["shape"], "data": [2 * float(v) * float(c) for v, c in zip(x["data"], ct["data"])]}]
                                                   for ct in req["cotangents"]]})
        else:
            reply({"id": rid, "ok": True, "value": square(req["args"][0])})
    elif mode == "late-exit":
        sys.exit(3)
    elif mode == "error":
        reply({"id": rid, "ok": False, "error": "ValueError: x must be positive"})
    elif mode == "not-json":
        sys.stdout.write("computing f ... done\n")
        sys.stdout.flush()
    elif mode == "wrong-id":
        reply({"id": rid + 1, "ok": True, "value": square(req["args"][0])})
    elif mode == "missing-field":
        reply({"id": rid, "ok": True})
    elif mode == "wrong-shape":
        reply({"id": rid, "ok": True, "value": {"shape": [7], "data": [0.0] * 7}})
    elif mode == "crash":
        sys.stderr.write("Traceback (most recent call last):\n  File \"faulty.py\"\nZeroDivisionError: division by zero\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
    elif mode == "exit":
        sys.stderr.write("giving up\n")
        sys.exit(5)
    elif mode == "hang":
        time.sleep(600)
    elif mode == "flood":
        chunk = "noise " * 1000 + "\n"
        while True:
            sys.stderr.write(chunk)
