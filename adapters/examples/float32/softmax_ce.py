"""Softmax cross-entropy computed in float32, as a GPU kernel would, with its backward.

loss(z, y) = -sum(y .* log(softmax(z))) for logits z: [K] and a target distribution y: [K].
The gradient is softmax(z) - y (when y sums to 1). `softmax_ce` ships it; `softmax_ce_wrong` forgets
the softmax's normalisation in the backward (exp(z) - y).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from gradspec_program import function, serve  # noqa: E402

F = np.float32


def loss(z, y):
    z = z.astype(F)
    m = z.max()
    lse = m + np.log(np.exp(z - m).sum(dtype=F))
    return np.asarray(-(y.astype(F) * (z - lse)).sum(dtype=F), dtype=F)


def grad(z, y, g):
    z = z.astype(F)
    p = np.exp(z - z.max())
    p = p / p.sum(dtype=F)
    return (F(g) * (p * y.astype(F).sum(dtype=F) - y.astype(F))).astype(F), None


def grad_wrong(z, y, g):
    z = z.astype(F)
    return (F(g) * (np.exp(z) - y.astype(F))).astype(F), None


serve({
    "softmax_ce": function(loss, vjp=grad, dtype="float32"),
    "softmax_ce_wrong": function(loss, vjp=grad_wrong, dtype="float32"),
})
