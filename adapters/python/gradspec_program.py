"""Serve Python functions to gradspec over its program protocol (contract section 7).

One file, standard library only; NumPy and PyTorch are used when the functions need them. A program is a
script that registers its functions and calls serve():

    import numpy as np
    from gradspec_program import serve, function

    def layernorm(X, gamma, beta): ...
    def layernorm_vjp(X, gamma, beta, cotangent): ...   # -> (dX, dgamma, dbeta)

    serve({"layernorm": function(layernorm, vjp=layernorm_vjp)})

and a spec says `program: {run: [python3, my_program.py]}` with `functions: {layernorm: {args: [...],
returns: ...}}` (run `gradspec check ... --allow-programs`). A bare callable is an eval-only function:
serve({"f": f}). For PyTorch code, torch_function(f) serves a function of tensors (typically one that
calls a custom torch.autograd.Function), with vjp through torch.autograd.grad, so that the backward
the user wrote is what gradspec checks.

Conventions of the callables (arrays are NumPy arrays of the declared shapes when NumPy is installed,
else nested lists, or floats for scalars):
    eval      f(*args) -> array of the declared result shape
    vjp       vjp(*args, cotangent) -> one gradient per argument (None: zeros)
    jvp       jvp(*args, wrt, tangent) -> directional derivative of the result, tangent of argument wrt
    jacobian  jacobian(*args, wrt) -> array of shape result ++ argument (numerator layout)

This module answers `batch` and `perturb` itself (by calling f), asks for base64 arrays when NumPy is
there, and turns any exception into an `ok: false` reply carrying the last line of its traceback; the
program goes on serving. It stops at `bye` or when its input closes.
"""
import base64
import json
import math
import os
import struct
import sys
import traceback

try:
    import numpy as np
except ImportError:  # plain Python: nested lists
    np = None

__all__ = ["serve", "function", "torch_function", "Function"]


class Function:
    """A function served to gradspec, with the derivatives it offers."""

    def __init__(self, f, vjp=None, jvp=None, jacobian=None, dtype="float64", complex=False):
        if not callable(f):
            raise TypeError("function(f, ...): f must be callable")
        self.f = f
        self.vjp = vjp
        self.jvp = jvp
        self.jacobian = jacobian
        self.dtype = dtype
        self.complex = complex
        # optional: prepared(args) -> (call, context): call() evaluates f at args as they are *now* (a perturb
        # request changes them in place between calls), inside context (None: none)
        self.prepared = None

    def ops(self):
        ops = ["eval", "batch", "perturb"]
        for name in ("vjp", "jvp", "jacobian"):
            if getattr(self, name) is not None:
                ops.append(name)
        return ops


def function(f, vjp=None, jvp=None, jacobian=None, dtype="float64", complex=False):
    """Registers f with its optional derivatives. dtype: "float64" or "float32" (the precision f computes in);
    complex=True offers complex arguments (complex step) for f written with NumPy operations."""
    return Function(f, vjp=vjp, jvp=jvp, jacobian=jacobian, dtype=dtype, complex=complex)


# ---------------------------------------------------------------------------------------------------
# arrays
# ---------------------------------------------------------------------------------------------------

def _count(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _number(x):
    if isinstance(x, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[x]
    return float(x)


def _decode(a, dtype=None):
    """A protocol array -> NumPy array (or nested lists / float without NumPy)."""
    shape = list(a["shape"])
    kind = a.get("dtype", "float64")
    cplx = kind.startswith("complex")
    if "base64" in a:
        raw = base64.b64decode(a["base64"])
        if np is not None:
            flat = np.frombuffer(raw, dtype="<c16" if kind == "complex128" else "<f8" if kind == "float64" else "<f4")
            flat = flat.astype(np.complex128 if cplx else np.float64)
        else:
            size = 8 if kind in ("float64", "complex128") else 4
            vals = struct.unpack("<%d%s" % (len(raw) // size, "d" if size == 8 else "f"), raw)
            flat = [complex(vals[i], vals[i + 1]) for i in range(0, len(vals), 2)] if cplx else list(vals)
    else:
        data = a["data"]
        if cplx:
            flat = [complex(_number(re), _number(im)) for re, im in data]
        else:
            flat = [_number(x) for x in data]
        if np is not None:
            flat = np.array(flat, dtype=np.complex128 if cplx else np.float64)
    if np is not None:
        out = np.asarray(flat).reshape(shape) if shape else np.asarray(flat).reshape(())
        if dtype == "float32" and not cplx:
            out = out.astype(np.float32)
        return out
    return _nest(flat, shape)


def _nest(flat, shape):
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return list(flat)
    step = _count(shape[1:])
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    return [x]


def _to_numpy(x):
    """Anything array-like (NumPy, PyTorch, lists, numbers) -> NumPy array, without changing float32 to 64."""
    if hasattr(x, "detach"):  # a torch tensor
        x = x.detach().cpu().numpy()
    return np.asarray(x)


def _encode(x, use_b64):
    """A result -> protocol array. float32 results are sent as float32, so the precision shows."""
    if np is not None:
        arr = _to_numpy(x)
        shape = list(arr.shape)
        if np.iscomplexobj(arr):
            arr = arr.astype(np.complex128)
            if use_b64:
                return {"shape": shape, "dtype": "complex128",
                        "base64": base64.b64encode(arr.astype("<c16").tobytes()).decode("ascii")}
            return {"shape": shape, "dtype": "complex128",
                    "data": [[_json_number(v.real), _json_number(v.imag)] for v in arr.ravel()]}
        kind = "float32" if arr.dtype == np.float32 else "float64"
        arr = arr.astype(np.float32 if kind == "float32" else np.float64)
        if use_b64:
            return {"shape": shape, "dtype": kind,
                    "base64": base64.b64encode(arr.astype("<f4" if kind == "float32" else "<f8").tobytes()).decode("ascii")}
        return {"shape": shape, "data": [_json_number(v) for v in arr.ravel().tolist()]}
    flat = _flatten(x)
    shape = []
    y = x
    while isinstance(y, (list, tuple)):
        shape.append(len(y))
        y = y[0] if y else 0.0
    if any(isinstance(v, complex) for v in flat):
        return {"shape": shape, "dtype": "complex128",
                "data": [[_json_number(complex(v).real), _json_number(complex(v).imag)] for v in flat]}
    return {"shape": shape, "data": [_json_number(float(v)) for v in flat]}


_SCALAR_TYPES = (float, int)


def _enc(x, use_b64):
    """A result -> the JSON text of its protocol array (built as text: a reply may hold thousands)."""
    t = type(x)
    if t in _SCALAR_TYPES or (np is not None and t is np.float64):
        # the common scalar loss: repr is the shortest text that reads back as the same double
        return '{"shape":[],"data":[' + _num_text(x) + "]}"
    if np is not None:
        arr = _to_numpy(x)
        if arr.dtype.kind == "f" or arr.dtype.kind in "iub":
            f32 = arr.dtype == np.float32
            shape = '{"shape":[' + ",".join(map(str, arr.shape)) + "]"
            if arr.size <= 8 or not use_b64:
                return (shape + (',"dtype":"float32"' if f32 else "") + ',"data":['
                        + ",".join(_num_text(v) for v in arr.ravel().tolist()) + "]}")
            raw = np.ascontiguousarray(arr, dtype="<f4" if f32 else "<f8").tobytes()
            return shape + (',"dtype":"float32","base64":"' if f32 else ',"dtype":"float64","base64":"') \
                + base64.b64encode(raw).decode("ascii") + '"}'
    return json.dumps(_encode(x, use_b64), separators=(",", ":"), allow_nan=False)


def _num_text(v):
    v = float(v)
    if v - v == 0.0:  # finite
        return repr(v)
    if v != v:
        return '"NaN"'
    return '"Infinity"' if v > 0 else '"-Infinity"'


def _json_number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def _copy(a):
    if np is not None:
        return np.array(a, copy=True)
    return json.loads(json.dumps(a))


def _add_at(a, k, delta):
    """Adds delta to flat element k (row-major) of a copy of a."""
    b = _copy(a)
    if np is not None:
        if b.ndim == 0:
            return b + delta
        b.reshape(-1)[k] += delta
        return b
    if not isinstance(b, list):
        return b + delta
    # nested lists: walk to the element
    shape = []
    y = b
    while isinstance(y, list):
        shape.append(len(y))
        y = y[0]
    idx = []
    for s in reversed(shape):
        idx.append(k % s)
        k //= s
    idx.reverse()
    y = b
    for i in idx[:-1]:
        y = y[i]
    y[idx[-1]] += delta
    return b


def _zeros_like(a):
    if np is not None:
        return np.zeros_like(np.asarray(a, dtype=np.float64))
    return json.loads(json.dumps(a), parse_float=lambda s: 0.0, parse_int=lambda s: 0.0) if isinstance(a, list) else 0.0


# ---------------------------------------------------------------------------------------------------
# the loop
# ---------------------------------------------------------------------------------------------------

def serve(functions, name=None, stdin=None, stdout=None):
    """Answers gradspec's requests until `bye` or the end of input. functions: name -> callable or Function."""
    table = {}
    for fn, entry in functions.items():
        table[fn] = entry if isinstance(entry, Function) else Function(entry)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    use_b64 = np is not None
    program = name or (sys.argv[0].rsplit("/", 1)[-1] if sys.argv and sys.argv[0] else "python")
    stats = {"program": program, "requests": 0, "bytes_in": 0, "bytes_out": 0}
    try:
        _loop(table, stdin, stdout, use_b64, program, stats)
    finally:
        _write_stats(stats)


def _loop(table, stdin, stdout, use_b64, program, stats):
    """The request loop of serve()."""
    for line in stdin:
        stats["bytes_in"] += len(line)
        line = line.strip()
        if not line:
            continue
        stats["requests"] += 1
        try:
            req = json.loads(line)
        except ValueError as e:
            _reply(stdout, {"ok": False, "error": "request is not JSON: %s" % e})
            continue
        op = req.get("op")
        if op == "bye":
            break
        rid = req.get("id")
        try:
            if op == "hello":
                for fn, f in table.items():
                    _prepare(f, req.get("functions", {}).get(fn))
                out = {"ok": True, "program": program, "arrays": "base64" if use_b64 else "json",
                       "functions": {fn: {"ops": f.ops(), "dtype": f.dtype, "complex": bool(f.complex)}
                                     for fn, f in table.items()}}
            else:
                out = '{"id":%s,"ok":true,%s}' % (json.dumps(rid), _answer(table, req, use_b64))
        except Exception as e:  # noqa: BLE001  (any failure of the user's code is an error reply)
            last = traceback.format_exc().strip().splitlines()[-1]
            out = {"ok": False, "error": last}
            if rid is not None:
                out["id"] = rid
            del e
        stats["bytes_out"] += _reply(stdout, out)


def _prepare(f, signature):
    """At hello: lets a torch function find out whether it can offer jvp."""
    probe = getattr(f, "_probe", None)
    if probe is not None and signature is not None:
        probe(signature)


def _reply(stdout, obj):
    text = obj if isinstance(obj, str) else json.dumps(obj, separators=(",", ":"), allow_nan=False)
    stdout.write(text)
    stdout.write("\n")
    stdout.flush()
    return len(text) + 1


def _write_stats(stats):
    """With GRADSPEC_PROGRAM_STATS=FILE, appends this process's request and byte counts to FILE (for bench/)."""
    path = os.environ.get("GRADSPEC_PROGRAM_STATS")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps(stats) + "\n")


def _answer(table, req, use_b64):
    """The reply's payload as JSON text: `"value": ...`, `"values": [...]` or `"grads": [[...], ...]`."""
    op = req.get("op")
    fn = req.get("fn")
    if fn not in table:
        raise KeyError("unknown function %r (this program serves %s)" % (fn, ", ".join(sorted(table))))
    f = table[fn]
    dt = f.dtype
    if op == "eval":
        if "batch" in req:
            return '"values":[' + ",".join(_enc(f.f(*[_decode(a, dt) for a in args]), use_b64) for args in req["batch"]) + "]"
        if "perturb" in req:
            return '"values":[' + ",".join(_perturbed(f, req, use_b64)) + "]"
        return '"value":' + _enc(f.f(*[_decode(a, dt) for a in req["args"]]), use_b64)
    args = [_decode(a, dt) for a in req["args"]]
    if op == "vjp":
        if f.vjp is None:
            raise ValueError("`%s` does not offer vjp" % fn)
        grads = []
        cts = [_decode(c, dt) for c in req["cotangents"]]
        batched = getattr(f.vjp, "_batched", None)
        results = batched(args, cts) if batched is not None else [f.vjp(*args, ct) for ct in cts]
        for g in results:
            if not isinstance(g, (list, tuple)):
                g = (g,)
            if len(g) != len(args):
                raise ValueError("vjp of `%s` returned %d gradients for %d arguments" % (fn, len(g), len(args)))
            grads.append("[" + ",".join(_enc(_zeros_like(a) if gi is None else gi, use_b64) for a, gi in zip(args, g)) + "]")
        return '"grads":[' + ",".join(grads) + "]"
    if op == "jvp":
        if f.jvp is None:
            raise ValueError("`%s` does not offer jvp" % fn)
        wrt = req["wrt"]
        return '"values":[' + ",".join(_enc(f.jvp(*args, wrt, _decode(t, dt)), use_b64) for t in req["tangents"]) + "]"
    if op == "jacobian":
        if f.jacobian is None:
            raise ValueError("`%s` does not offer jacobian" % fn)
        return '"value":' + _enc(f.jacobian(*args, req["wrt"]), use_b64)
    raise ValueError("unknown op %r" % op)


def _perturbed(f, req, use_b64):
    """The values of a `perturb` request, in order, each as the JSON text of its array."""
    dt = f.dtype
    base = [_decode(a, dt) for a in req["base"]]
    pert = req["perturb"]
    arg = pert["arg"]
    pairs = zip(pert["index"], pert["delta"])
    if np is None or not isinstance(base[arg], np.ndarray) or base[arg].ndim == 0:
        values = []
        for k, d in pairs:
            args = list(base)
            args[arg] = _add_at(base[arg], k, _number(d))
            values.append(_enc(f.f(*args), use_b64))
        return values
    # change one element in place, encode the result at once, put the element back: no copy per point.
    # A function that writes into its arguments would spoil every later point: checked once at the end.
    kept = [np.array(a, copy=True) for a in base]
    flat = base[arg].reshape(-1)
    call, context = f.prepared(base) if f.prepared is not None else (lambda: f.f(*base), None)
    values = []
    encode = None
    with context if context is not None else _NoContext():
        for k, d in pairs:
            old = flat[k]
            flat[k] = old + _number(d)
            y = call()
            if encode is None:
                encode = _encoder(y, use_b64)
            values.append(encode(y))  # before the element goes back: y may be a view of the argument
            flat[k] = old
    for a, b in zip(base, kept):
        if not np.array_equal(a, b, equal_nan=True):
            raise ValueError("the function changed one of its arguments in place; it must leave its inputs as they are")
    return values


class _NoContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _encoder(first, use_b64):
    """A fast encoder for the many results of one perturb request, made from the first: the same type, dtype
    and shape each time (anything else goes through _enc)."""
    if np is None or not use_b64:
        return lambda y: _enc(y, use_b64)
    native = _to_numpy(first)
    if native.dtype.kind != "f" or native.size <= 8 or native.dtype not in (np.float64, np.float32):
        return lambda y: _enc(y, use_b64)
    f32 = native.dtype == np.float32
    shape = native.shape
    kind = type(first)
    head = ('{"shape":[' + ",".join(map(str, shape)) + ']' + (',"dtype":"float32","base64":"' if f32 else ',"dtype":"float64","base64":"'))
    want = np.dtype("<f4" if f32 else "<f8")
    b64 = base64.b64encode

    def encode(y):
        if type(y) is not kind:
            return _enc(y, use_b64)
        a = _to_numpy(y)
        if a.dtype != want or a.shape != shape:
            return _enc(y, use_b64)
        return head + b64(np.ascontiguousarray(a).tobytes()).decode("ascii") + '"}'
    return encode


# ---------------------------------------------------------------------------------------------------
# PyTorch
# ---------------------------------------------------------------------------------------------------

def torch_function(f, dtype=None, forward=False):
    """Serves f, a function of torch tensors returning a tensor (e.g. lambda x, W: MyFunction.apply(x, W)).

    eval runs f under no_grad; vjp runs f and torch.autograd.grad on its result with each cotangent, so the
    backward of a custom autograd.Function is exactly what gradspec checks; with forward=True, jvp uses
    forward-mode AD (torch.autograd.forward_ad), which runs the Function's own jvp. dtype: torch.float64
    (default) or torch.float32, the precision f computes in; the hello reports it.
    """
    import torch

    dt = dtype or torch.float64

    def tensor(a, grad=False):
        t = torch.as_tensor(np.asarray(a), dtype=dt)
        return t.detach().clone().requires_grad_(grad)

    def shared(a):
        # float64 (or float32) NumPy arrays become tensors over the same memory: no copy per evaluation
        return torch.as_tensor(np.asarray(a), dtype=dt)

    def ev(*args):
        with torch.no_grad():
            return f(*[shared(a) for a in args])

    def prepared(args):
        ts = [shared(a) for a in args]
        return (lambda: f(*ts)), torch.no_grad()

    def vjp_batched(args, cotangents):
        xs = [tensor(a, True) for a in args]
        y = f(*xs)
        out = []
        for i, ct in enumerate(cotangents):
            gs = torch.autograd.grad(y, xs, grad_outputs=torch.as_tensor(np.asarray(ct), dtype=y.dtype).reshape(y.shape),
                                     retain_graph=i + 1 < len(cotangents), allow_unused=True)
            out.append([None if g is None else g for g in gs])
        return out

    def vjp(*args):
        return vjp_batched(list(args[:-1]), [args[-1]])[0]

    vjp._batched = vjp_batched

    def jvp(*args):
        import torch.autograd.forward_ad as fwAD
        *primals, wrt, tangent = args
        with fwAD.dual_level():
            xs = [tensor(a) for a in primals]
            xs[wrt] = fwAD.make_dual(xs[wrt], torch.as_tensor(np.asarray(tangent), dtype=dt).reshape(xs[wrt].shape))
            y = f(*xs)
            t = fwAD.unpack_dual(y).tangent
            return torch.zeros_like(y) if t is None else t

    name = "float32" if dt == torch.float32 else "float64"
    fn = Function(ev, vjp=vjp, jvp=jvp if forward else None, dtype=name)
    fn.prepared = prepared
    return fn
