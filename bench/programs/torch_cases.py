"""Custom torch.autograd.Functions for bench/program_vs_gradcheck.py, served to gradspec or checked by
torch.autograd.gradcheck: the linear, MLP and softmax cross-entropy cases of the peer benchmark, each
with a hand-written backward (correct, or with one planted sign flip in one element when BUG=1).

    torch_cases.py CASE SIZE serve          serve the case over gradspec's program protocol
    torch_cases.py CASE SIZE gradcheck MODE  run torch.autograd.gradcheck (MODE full|fast) and print seconds
"""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "adapters", "python"))

torch.set_num_threads(1)
SIZES = {
    "linear": {"small": (3, 7), "medium": (64, 64), "large": (256, 256)},          # C, D
    "mlp": {"small": (8, 4, 6, 3), "medium": (64, 32, 64, 10), "large": (128, 64, 128, 10)},  # N, D, H, C
    "softmax_ce": {"small": (4, 3), "medium": (128, 10), "large": (512, 100)},      # N, C
}
BUG = os.environ.get("BUG") == "1"


class Linear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, W, x):
        ctx.save_for_backward(W, x)
        return W @ x

    @staticmethod
    def backward(ctx, g):
        W, x = ctx.saved_tensors
        gW = torch.outer(g, x)
        if BUG:
            gW = gW.clone()
            gW[0, 1] = -gW[0, 1]
        return gW, W.t() @ g


def mlp_data(N, D, H, C):
    rng = np.random.default_rng(0)
    return torch.tensor(rng.standard_normal((N, D))), torch.tensor(rng.standard_normal((N, C)))


class MLP(torch.autograd.Function):
    """L = sum((tanh(X W1 + b1) W2 - T)^2) / N, differentiated by hand."""

    @staticmethod
    def forward(ctx, W1, b1, W2, X, T):
        A = torch.tanh(X @ W1 + b1)
        R = A @ W2 - T
        ctx.save_for_backward(W1, W2, X, A, R)
        return (R * R).sum() / X.shape[0]

    @staticmethod
    def backward(ctx, g):
        W1, W2, X, A, R = ctx.saved_tensors
        N = X.shape[0]
        dR = 2 * R / N * g
        dW2 = A.t() @ dR
        dA = dR @ W2.t()
        dZ = dA * (1 - A * A)
        dW1 = X.t() @ dZ
        if BUG:
            dW1 = dW1.clone()
            dW1[0, 1] = -dW1[0, 1]
        return dW1, dZ.sum(0), dW2, None, None


class SoftmaxCE(torch.autograd.Function):
    """L = -mean_n log softmax(z_n)[y_n], labels y_n = n mod C."""

    @staticmethod
    def forward(ctx, z):
        N, C = z.shape
        y = torch.arange(N) % C
        p = torch.softmax(z, dim=1)
        ctx.save_for_backward(p, y)
        return -torch.log(p[torch.arange(N), y]).mean()

    @staticmethod
    def backward(ctx, g):
        p, y = ctx.saved_tensors
        N = p.shape[0]
        d = p.clone()
        d[torch.arange(N), y] -= 1
        d = d / N * g
        if BUG:
            d[0, 1] = -d[0, 1]
        return d


def inputs(case, size):
    rng = np.random.default_rng(1)
    dims = SIZES[case][size]
    if case == "linear":
        C, D = dims
        return [rng.standard_normal((C, D)), rng.standard_normal(D)]
    if case == "mlp":
        N, D, H, C = dims
        return [rng.standard_normal((D, H)), rng.standard_normal(H), rng.standard_normal((H, C))]
    N, C = dims
    return [rng.standard_normal((N, C))]


def function(case, size):
    if case == "linear":
        return lambda W, x: Linear.apply(W, x)
    if case == "mlp":
        X, T = mlp_data(*SIZES[case][size])
        return lambda W1, b1, W2: MLP.apply(W1, b1, W2, X, T)
    return lambda z: SoftmaxCE.apply(z)


def main():
    case, size, what = sys.argv[1], sys.argv[2], sys.argv[3]
    f = function(case, size)
    if what == "serve":
        from gradspec_program import serve, torch_function
        serve({case: torch_function(f)})
        return
    mode = sys.argv[4]
    xs = [torch.tensor(a, requires_grad=(case != "mlp" or i == 0)) for i, a in enumerate(inputs(case, size))]
    t0 = time.perf_counter()
    try:
        ok = torch.autograd.gradcheck(f, xs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=(mode == "fast"))
    except Exception as e:  # noqa: BLE001  (gradcheck raises on a wrong derivative)
        ok = "fail: " + str(e).splitlines()[0][:80]
    print(json.dumps({"seconds": time.perf_counter() - t0, "verdict": ok}))


if __name__ == "__main__":
    main()
