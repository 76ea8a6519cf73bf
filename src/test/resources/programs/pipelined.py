"""For PipelinedProgramTest: f(x, w) = x * x + w * x elementwise, with a vjp (its cotangents counted in
vjp-cotangents.txt in the working folder), planted wrong at one component when argv[1] is an index; and
g(x) = x, which refuses any point where x[0] moved by more than 100 (an `ok: false` in mid-sweep); and h(x) = 2 x, which also writes into its argument."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "adapters", "python"))
from gradspec_program import function, serve  # noqa: E402

WRONG = int(sys.argv[1]) if len(sys.argv) > 1 else -1


def vjp(x, w, ct):
    with open("vjp-cotangents.txt", "a") as f:
        f.write("1\n")
    dx = ct * (2 * x + w)
    if WRONG >= 0:
        dx = dx.copy()
        dx[WRONG] += 0.5 * ct[WRONG]
    return dx, ct * x


def g(x):
    if abs(x[0]) > 100:
        raise ValueError("x[0] is out of range")
    return x


def h(x):
    x[0] = 0.0  # writes into its argument
    return x * 2


serve({"f": function(lambda x, w: x * x + w * x, vjp=vjp), "g": g, "h": h})
