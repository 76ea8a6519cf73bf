"""The layers of issue 13's performance table, each as a user writes it in a spec and as torch computes it.

Each case gives, per size, a spec (every claim correct except one marked `expect: fail` where the issue
asks for a wrong claim) and a torch function of the inputs its claims are with respect to, for
`torch.autograd.gradcheck` (float64, full mode, all those inputs at once). Values are drawn separately on
each side (the same shapes and the same operations; integer labels and tokens drawn by each side), since
only the time is compared: each side's verdicts are its own and are recorded.
"""
import numpy as np

CONV = """inputs:
  x: [C, H, W]
  w: [O, C, K, K]
  G: [O, H, W]
define:
  y: "[o: O, i: H, j: W] -> sum(c, sum(p: K, sum(q: K, w[o, c, p, q]
       * if(i + p - 1 >= 0 && i + p - 1 < H && j + q - 1 >= 0 && j + q - 1 < W, x[c, i + p - 1, j + q - 1], 0))))"
  L: sum(G .* y)
claims:
  - of: L
    wrt: w
    claim: "[o, c, p, q] -> sum(i: H, sum(j: W, G[o, i, j]
       * if(i + p - 1 >= 0 && i + p - 1 < H && j + q - 1 >= 0 && j + q - 1 < W, x[c, i + p - 1, j + q - 1], 0)))"
  - of: L
    wrt: x
    claim: "[c, a, b] -> sum(o: O, sum(p: K, sum(q: K, if(a + 1 - p >= 0 && a + 1 - p < H && b + 1 - q >= 0
       && b + 1 - q < W, w[o, c, p, q] * G[o, a + 1 - p, b + 1 - q], 0))))"
  - of: L
    wrt: x
    expect: fail
    claim: "[c, a, b] -> sum(o: O, sum(p: K, sum(q: K, if(a - 1 + p >= 0 && a - 1 + p < H && b - 1 + q >= 0
       && b - 1 + q < W, w[o, c, p, q] * G[o, a - 1 + p, b - 1 + q], 0))))"
"""

ATTENTION = """inputs: {Q: [T, E], K: [T, E], V: [T, E], G: [T, E]}
define:
  A: softmax_rows(Q * K' / sqrt(E))
  L: sum(G .* (A * V))
  dA: G * V'
  dS: A .* (dA - rowsum(A .* dA))
claims:
  - {of: L, wrt: Q, claim: "dS * K / sqrt(E)"}
  - {of: L, wrt: K, claim: "dS' * Q / sqrt(E)"}
  - {of: L, wrt: Q, claim: "dS' * K / sqrt(E)", expect: fail}
"""

LAYERNORM = """inputs: {x: [N, D], G: [N, D]}
define:
  xc: x - rowsum(x) / D
  var: rowsum(xc .* xc) / D
  y: xc ./ sqrt(var + 1e-5)
  L: sum(G .* y)
claims:
  - {of: L, wrt: x, claim: "(G - rowsum(G) / D - y .* (rowsum(G .* y) / D)) ./ sqrt(var + 1e-5)"}
"""

MAXPOOL = """inputs: {x: [C, H, W], G: [C, H2, W2]}
define:
  y: "[c: C, i: H2, j: W2] -> maximum(maximum(x[c, 2*i, 2*j], x[c, 2*i, 2*j + 1]),
       maximum(x[c, 2*i + 1, 2*j], x[c, 2*i + 1, 2*j + 1]))"
  L: sum(G .* y)
claims:
  - {of: L, wrt: x, claim: "[c, a, b] -> G[c, floor(a / 2), floor(b / 2)] * (x[c, a, b] == y[c, floor(a / 2), floor(b / 2)])"}
"""

EMBEDDING = """inputs:
  E: [V, D]
  W: [D, C]
  tokens: {shape: [T], type: int, range: V}
  label: {shape: [T], type: int, range: C}
define:
  X: "[t: T, d: D] -> E[tokens[t], d]"
  P: softmax_rows(X * W)
  L: "-sum(t, log(P[t, label[t]])) / T"
  dZ: "[t: T, c: C] -> (P[t, c] - delta(c, label[t])) / T"
  dX: dZ * W'
claims:
  - {of: L, wrt: E, claim: "[v, d] -> sum(t, dX[t, d] * delta(tokens[t], v))"}
  - {of: L, wrt: W, claim: "X' * dZ"}
"""

CDIST = """inputs: {X: [N, K], Y: [M, K], G: [N, M]}
define:
  Dm: "[i: N, j: M] -> sqrt(sum(k, (X[i, k] - Y[j, k])^2))"
  L: sum(G .* Dm)
claims:
  - {of: L, wrt: X, claim: "[i, k] -> sum(j, G[i, j] * (X[i, k] - Y[j, k]) / Dm[i, j])"}
"""

# name: (size label -> dims, spec body, torch builder)
CASES = {
    "conv2d": ({"3to4-12x12": {"C": 3, "O": 4, "H": 12, "W": 12, "K": 3},
                "16to32-32x32": {"C": 16, "O": 32, "H": 32, "W": 32, "K": 3}}, CONV),
    "attention": ({"T64-E32": {"T": 64, "E": 32}, "T256-E32": {"T": 256, "E": 32}}, ATTENTION),
    "layernorm": ({"64x128": {"N": 64, "D": 128}, "512x1024": {"N": 512, "D": 1024}}, LAYERNORM),
    "maxpool": ({"8x16x16": {"C": 8, "H": 16, "W": 16, "H2": 8, "W2": 8}}, MAXPOOL),
    "embedding_ce": ({"T32-V50-D16-C10": {"T": 32, "V": 50, "D": 16, "C": 10}}, EMBEDDING),
    "cdist": ({"48x40x8": {"N": 48, "M": 40, "K": 8}}, CDIST),
}


def spec_text(case, size):
    """The spec of one cell: one trial, as the issue's measurements."""
    sizes, body = CASES[case]
    d = sizes[size]
    dims = "{" + ", ".join("%s: %d" % kv for kv in d.items()) + "}"
    return "name: %s %s\ndims: %s\ncheck: {trials: 1}\n%s" % (case, size, dims, body)


def torch_case(case, size, seed=0):
    """(fn, inputs): inputs are float64 tensors, those of the claims' wrt requiring grad."""
    import torch
    import torch.nn.functional as F
    d = CASES[case][0][size]
    rng = np.random.default_rng(seed)

    def t(*shape, grad=False):
        return torch.from_numpy(rng.standard_normal(shape)).requires_grad_(grad)

    if case == "conv2d":
        x, w, G = t(d["C"], d["H"], d["W"], grad=True), t(d["O"], d["C"], 3, 3, grad=True), t(d["O"], d["H"], d["W"])
        return (lambda x, w: (G * F.conv2d(x[None], w, padding=1)[0]).sum()), (x, w)
    if case == "attention":
        T, E = d["T"], d["E"]
        Q, K, V, G = t(T, E, grad=True), t(T, E, grad=True), t(T, E), t(T, E)
        return (lambda Q, K: (G * (torch.softmax(Q @ K.T / E ** 0.5, dim=1) @ V)).sum()), (Q, K)
    if case == "layernorm":
        x, G = t(d["N"], d["D"], grad=True), t(d["N"], d["D"])
        return (lambda x: (G * F.layer_norm(x, (d["D"],), eps=1e-5)).sum()), (x,)
    if case == "maxpool":
        x, G = t(d["C"], d["H"], d["W"], grad=True), t(d["C"], d["H2"], d["W2"])
        return (lambda x: (G * F.max_pool2d(x[None], 2)[0]).sum()), (x,)
    if case == "embedding_ce":
        E, W = t(d["V"], d["D"], grad=True), t(d["D"], d["C"], grad=True)
        tokens = torch.from_numpy(rng.integers(0, d["V"], size=d["T"]))
        label = torch.from_numpy(rng.integers(0, d["C"], size=d["T"]))
        return (lambda E, W: F.cross_entropy(F.embedding(tokens, E) @ W, label)), (E, W)
    if case == "cdist":
        X, Y, G = t(d["N"], d["K"], grad=True), t(d["M"], d["K"]), t(d["N"], d["M"])
        return (lambda X: (G * torch.cdist(X, Y)).sum()), (X,)
    raise ValueError(case)
