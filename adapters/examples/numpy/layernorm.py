"""Layer norm in NumPy, with the backward pass written by hand: the one gradspec checks.

Y[n, :] = (X[n, :] - mean) / sqrt(var + eps) * gamma + beta, over the D features of each row.
Serves three functions: `layernorm` with the correct backward, `layernorm_no_mean` with the classic
mistake, the mean's term left out of dX (as if the mean did not depend on X), and `layernorm_no_eps`, whose
backward leaves the epsilon out of the variance (a relative error of about 1e-7 that only method
complex-step sees). All three offer complex arguments (`complex=True`): the forward pass is NumPy
arithmetic, so it runs on complex numbers as written.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from gradspec_program import function, serve  # noqa: E402

EPS = 1e-5


def forward(X, gamma, beta):
    mu = X.mean(axis=1, keepdims=True)
    var = ((X - mu) ** 2).mean(axis=1, keepdims=True)
    rstd = 1.0 / np.sqrt(var + EPS)
    xhat = (X - mu) * rstd
    return xhat * gamma.reshape(1, -1) + beta.reshape(1, -1), xhat, rstd


def layernorm(X, gamma, beta):
    return forward(X, gamma, beta)[0]


def backward(X, gamma, beta, g, with_mean=True, eps=EPS):
    _, xhat, rstd = forward(X, gamma, beta)
    if eps != EPS:
        mu = X.mean(axis=1, keepdims=True)
        rstd = 1.0 / np.sqrt(((X - mu) ** 2).mean(axis=1, keepdims=True) + eps)
        xhat = (X - mu) * rstd
    dxhat = g * gamma.reshape(1, -1)
    centred = dxhat - dxhat.mean(axis=1, keepdims=True) if with_mean else dxhat
    dX = rstd * (centred - xhat * (dxhat * xhat).mean(axis=1, keepdims=True))
    dgamma = (g * xhat).sum(axis=0)
    dbeta = g.sum(axis=0)
    return dX, dgamma, dbeta


serve({
    "layernorm": function(layernorm, vjp=lambda X, gamma, beta, g: backward(X, gamma, beta, g), complex=True),
    "layernorm_no_mean": function(layernorm, vjp=lambda X, gamma, beta, g: backward(X, gamma, beta, g, with_mean=False),
                                  complex=True),
    "layernorm_no_eps": function(layernorm, vjp=lambda X, gamma, beta, g: backward(X, gamma, beta, g, eps=0.0),
                                 complex=True),
})
