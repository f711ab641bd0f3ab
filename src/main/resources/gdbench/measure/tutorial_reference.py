#!/usr/bin/env python3
"""The tutorial's loops and an expert's, in numpy and PyTorch, timed on gdbench's workloads.

gdbench reference (gdbench.measure.TutorialReference) runs this script in several fresh processes
and combines what each prints; one process is one repetition. Two modes:

  steps  [--threads T] [--quick] [--seconds S] [--rotate K] --data DIR WORKLOAD...
         WORKLOAD is name:n:d:bias(0|1):lr; DIR/<name>.x.f32 and DIR/<name>.y.f32 hold X (n*d,
         row-major) and y (n) as float32 little-endian, written by the JVM from the same
         gdbench.core.Workload, so both sides train on the same values.
  perop  [--threads T] [--quick] [--n N]
         the cost of one trivial element-wise op on N floats: c = a + b and a += b.

Prints one JSON object on stdout; never writes files.

One step is the full-batch loop body. Variants, paired with the JVM cells in the report:
  tutorial  the tutorial's code (seed/gradient-descent-tutorial.txt): a new array per op, w * x for
            one feature as in the tutorial, X @ w beyond; stages manual (numpy, and the same ops as
            torch tensors), autograd, loss-optimizer, full-library (nn.Linear).
  tuned     what an expert writes: preallocated residual, in-place ops (out=, mul/add_/sub_ under
            no_grad), the loss and gradient as dot products; for one feature element-wise mul and
            dot (as DJL's and ND4J's tuned cells), a matrix-vector product from two features on.
"""
import os
import sys


def _option(argv, name, default):
    return argv[argv.index(name) + 1] if name in argv else default


THREADS = int(_option(sys.argv[1:], "--threads", "1"))
# Variables that change native kernels or their threads (gdbench.measure.TutorialReference has the same list).
KERNEL_PREFIXES = ("OPENBLAS_", "MKL_", "OMP_", "GOMP_", "KMP_", "BLIS_", "ATEN_", "DNNL_", "ONEDNN_", "MALLOC_", "GLIBC_TUNABLES")
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(THREADS)  # OpenMP and BLAS size their pools when they load: before the imports

import io, json, platform, time  # noqa: E402,E401
import contextlib  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

try:
    import resource  # noqa: E402
except ImportError:  # not on Windows: no fault counts there
    resource = None
try:
    import threadpoolctl  # noqa: E402
except ImportError:  # optional: the thread counts above still hold
    threadpoolctl = None

torch.set_num_threads(THREADS)
LIMITS = threadpoolctl.threadpool_limits(limits=THREADS) if threadpoolctl else None


# ---------------------------------------------------------------------------------------- data

def load(data_dir, name, n, d):
    x = np.fromfile(os.path.join(data_dir, name + ".x.f32"), dtype="<f4")
    y = np.fromfile(os.path.join(data_dir, name + ".y.f32"), dtype="<f4")
    if x.size != n * d or y.size != n:
        raise SystemExit(f"{name}: expected {n}x{d} features and {n} targets, found {x.size} and {y.size} values")
    return x.reshape(n, d).astype(np.float32, copy=False), y.astype(np.float32, copy=False)


# ------------------------------------------------------------------------- the tutorial's code

def numpy_tutorial(x, y, bias, lr):
    n, d = x.shape
    one = d == 1
    xs = np.ascontiguousarray(x[:, 0]) if one else x  # the tutorial's x is a vector
    lr = np.float32(lr)
    st = {"w": np.float32(0) if one else np.zeros(d, dtype=np.float32), "b": np.float32(0)}

    def forward(x):
        w = st["w"]
        y_hat = w * x if one else x @ w
        return y_hat + st["b"] if bias else y_hat

    def step():
        y_pred = forward(xs)
        l = np.mean((y_pred - y) ** 2)
        dw = np.mean((2 * xs) * (y_pred - y)) if one else np.mean((2 * xs) * (y_pred - y)[:, None], axis=0)
        st["w"] -= lr * dw
        if bias:
            st["b"] -= lr * np.mean(2 * (y_pred - y))
        return float(l)
    return step


def torch_tutorial(x, y, bias, lr):
    """The tutorial's numpy lines as torch ops, no autograd."""
    n, d = x.shape
    one = d == 1
    X = torch.from_numpy(np.ascontiguousarray(x[:, 0]) if one else x)
    Y = torch.from_numpy(y)
    w = torch.zeros(()) if one else torch.zeros(d)
    b = torch.zeros(())

    def forward(x):
        y_hat = w * x if one else x @ w
        return y_hat + b if bias else y_hat

    def step():
        y_pred = forward(X)
        l = torch.mean((y_pred - Y) ** 2)
        dw = torch.mean((2 * X) * (y_pred - Y)) if one else torch.mean((2 * X) * (y_pred - Y)[:, None], dim=0)
        w.sub_(lr * dw)  # the tutorial's w -= lr * dw
        if bias:
            b.sub_(lr * torch.mean(2 * (y_pred - Y)))
        return l.item()
    return step


def _leaves(x, y, bias):
    """The tutorial's leaves w (and b) with requires_grad, and its forward: w * x, or X @ w beyond one feature."""
    n, d = x.shape
    one = d == 1
    X = torch.from_numpy(np.ascontiguousarray(x[:, 0]) if one else x)
    w = torch.zeros((), requires_grad=True) if one else torch.zeros(d, requires_grad=True)
    b = torch.zeros((), requires_grad=True)

    def forward(x):
        y_hat = w * x if one else x @ w
        return y_hat + b if bias else y_hat
    return X, torch.from_numpy(y), w, b, forward


def torch_autograd(x, y, bias, lr):
    X, Y, w, b, forward = _leaves(x, y, bias)

    def step():
        y_pred = forward(X)
        l = torch.mean((y_pred - Y) ** 2)
        l.backward()
        with torch.no_grad():  # the tutorial's w -= lr * w.grad (in place: __isub__ is sub_)
            w.sub_(lr * w.grad)
            if bias:
                b.sub_(lr * b.grad)
        w.grad.zero_()
        if bias:
            b.grad.zero_()
        return l.item()
    return step


def torch_loss_optimizer(x, y, bias, lr):
    X, Y, w, b, forward = _leaves(x, y, bias)
    loss = nn.MSELoss()
    optimizer = torch.optim.SGD([w, b] if bias else [w], lr=lr)

    def step():
        l = loss(forward(X), Y)
        l.backward()
        optimizer.step()
        optimizer.zero_grad()
        return l.item()
    return step


def torch_full_library(x, y, bias, lr):
    X, Y = torch.from_numpy(x), torch.from_numpy(y).reshape(-1, 1)
    model = nn.Linear(X.shape[1], 1, bias=bias)
    with torch.no_grad():  # zero initial weights, as every gdbench cell
        model.weight.zero_()
        if bias:
            model.bias.zero_()
    loss = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)

    def step():
        l = loss(model(X), Y)
        l.backward()
        optimizer.step()
        optimizer.zero_grad()
        return l.item()
    return step


# ------------------------------------------------------------------------------ an expert's code

def numpy_tuned(x, y, bias, lr):
    """r = x*w (+b) - y in one preallocated array; with one feature the loss and gradient as element-wise
    products and sums (as DJL's tuned cell), beyond as BLAS dots; scalars for w, b."""
    n, d = x.shape
    one = d == 1
    xs = np.ascontiguousarray(x[:, 0]) if one else x
    r = np.empty(n, dtype=np.float32)
    g = np.empty(d, dtype=np.float32)
    s = np.float32(lr * 2.0 / n)  # lr times the mean rule's factor 2/N
    inv_n = 1.0 / n
    st = {"w": np.float32(0), "b": np.float32(0)}
    wv = np.zeros(d, dtype=np.float32)

    if one:
        t = np.empty(n, dtype=np.float32)

        def step():
            np.multiply(xs, st["w"], out=r)
            if bias:
                np.add(r, st["b"], out=r)
            np.subtract(r, y, out=r)
            # element-wise products reduced by numpy's pairwise sum: a float32 BLAS dot (the
            # reference BLAS here) accumulates in sequence and is 3% off at 2^24 values
            np.multiply(r, r, out=t)
            sse = t.sum()
            np.multiply(r, xs, out=t)
            gw = t.sum()
            if bias:
                st["b"] -= s * r.sum()
            st["w"] -= s * gw
            return float(sse) * inv_n
    else:
        def step():
            np.dot(xs, wv, out=r)
            if bias:
                np.add(r, st["b"], out=r)
            np.subtract(r, y, out=r)
            sse = np.dot(r, r)
            np.dot(r, xs, out=g)
            if bias:
                st["b"] -= s * r.sum()
            np.multiply(g, s, out=g)
            np.subtract(wv, g, out=wv)
            return float(sse) * inv_n
    return step


def torch_tuned(x, y, bias, lr):
    """The same in torch: in-place ops into a preallocated residual under no_grad, one value read back."""
    n, d = x.shape
    one = d == 1
    X = torch.from_numpy(np.ascontiguousarray(x[:, 0]) if one else x)
    Y = torch.from_numpy(y)
    w = torch.zeros(1) if one else torch.zeros(d)
    b = torch.zeros(1)
    r = torch.empty(n)
    t = torch.empty(n)
    g = torch.empty(d)
    s = lr * 2.0 / n
    inv_n = 1.0 / n

    def step():
        with torch.no_grad():
            if one:
                torch.mul(X, w, out=r)
            else:
                torch.mv(X, w, out=r)
            if bias:
                r.add_(b)
            r.sub_(Y)
            if one:
                torch.mul(r, r, out=t)
                sse = t.sum()
                torch.mul(r, X, out=t)
                w.sub_(t.sum(), alpha=s)
            else:
                sse = torch.dot(r, r)
                torch.mv(X.t(), r, out=g)
                w.sub_(g, alpha=s)
            if bias:
                b.sub_(r.sum(), alpha=s)
            return sse.item() * inv_n
    return step


IMPLEMENTATIONS = [
    ("numpy", "manual", "tutorial", numpy_tutorial),
    ("numpy", "manual", "tuned", numpy_tuned),
    ("torch", "manual", "tutorial", torch_tutorial),
    ("torch", "manual", "tuned", torch_tuned),
    ("torch", "autograd", "tutorial", torch_autograd),
    ("torch", "loss-optimizer", "tutorial", torch_loss_optimizer),
    ("torch", "full-library", "tutorial", torch_full_library),
]


# ------------------------------------------------------------------------------------ timing

def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else 0


def rates(step, samples, seconds):
    """Steps per second of `samples` timed batches of at least `seconds` each, after a warm-up as long,
    and the minor page faults per timed step (memory the allocator gave back to the OS and takes again)."""
    t_end = time.perf_counter() + seconds
    last = step()
    while time.perf_counter() < t_end:
        last = step()
    batch, out, faults, steps = 1, [], 0, 0
    while len(out) < samples:
        f0 = minor_faults()
        t0 = time.perf_counter()
        for _ in range(batch):
            last = step()
        t = time.perf_counter() - t0
        if t < seconds:
            batch = batch * 2 if t < seconds / 4 else max(batch + 1, int(batch * seconds * 1.1 / t))
            continue
        faults += minor_faults() - f0
        steps += batch
        out.append(batch / t)
    if not np.isfinite(last):
        raise RuntimeError("the loss became non-finite")
    return out, faults / steps


def check(rows, workload):
    """Every implementation's first three losses against the tutorial's numpy: the same problem, trained the same."""
    reference = rows[0][1]
    for name, losses in rows[1:]:
        for k, (a, b) in enumerate(zip(reference, losses)):
            if not abs(a - b) <= 1e-3 * abs(a) + 1e-6:
                raise SystemExit(f"{workload}: {name} loss {b!r} at step {k + 1}, the tutorial's numpy has {a!r}")


def steps_mode(argv):
    quick = "--quick" in argv
    data_dir = _option(argv, "--data", None)
    if data_dir is None:
        raise SystemExit("steps needs --data DIR")
    samples = 3 if quick else 5
    seconds = float(_option(argv, "--seconds", "0.05" if quick else "0.2"))
    rotate = int(_option(argv, "--rotate", "0"))
    skip = {"--data", "--seconds", "--rotate", "--threads"}
    workloads, i = [], 0
    while i < len(argv):
        if argv[i] in skip:
            i += 2
            continue
        if argv[i] != "--quick":
            workloads.append(argv[i])
        i += 1
    rows = []
    for spec in workloads:
        name, n, d, bias, lr, *only = spec.split(":")
        n, d, bias, lr = int(n), int(d), bias == "1", float(lr)
        # an optional fifth field names the variants to time (e.g. "tuned"); the tutorial's numpy
        # still runs first, as the reference of the check
        chosen = [impl for impl in IMPLEMENTATIONS if not only or impl[2] in only[0].split(",")]
        x, y = load(data_dir, name, n, d)
        checked = [IMPLEMENTATIONS[0]] + [impl for impl in chosen if impl is not IMPLEMENTATIONS[0]]
        check([(f"{lib}/{stage}/{variant}", _first_losses(make, x, y, bias, lr)) for lib, stage, variant, make in checked], name)
        # Each process starts the cycle elsewhere, so that no implementation always runs first.
        k = rotate % len(chosen)
        for lib, stage, variant, make in chosen[k:] + chosen[:k]:
            r, faults = rates(make(x, y, bias, lr), samples, seconds)
            rows.append({"library": lib, "stage": stage, "variant": variant, "workload": name, "n": n, "d": d,
                         "batches": r, "mean": float(np.mean(r)), "minorFaultsPerStep": faults})
            print(f"reference {lib}/{stage}/{variant} {name}: {1e6 / np.mean(r):.2f} us/step", file=sys.stderr, flush=True)
    return {"quick": quick, "sampleSeconds": seconds, "samples": samples, "rows": rows}


def _first_losses(make, x, y, bias, lr):
    step = make(x, y, bias, lr)
    return [step() for _ in range(3)]


def perop_mode(argv):
    """c = a + b (a new array, freed at once by the refcount) and a += b, on n float32 values."""
    quick = "--quick" in argv
    n = int(_option(argv, "--n", "4"))
    out = []
    for lib, make in (("numpy", lambda v: np.full(n, v, dtype=np.float32)),
                      ("torch", lambda v: torch.full((n,), v, dtype=torch.float32))):
        a, b = make(1.0), make(0.0)  # b = 0: a keeps its values however often a += b runs

        def add(k, a=a, b=b):
            for _ in range(k):
                a + b

        def add_inplace(k, a=a, b=b):
            for _ in range(k):
                a += b

        for op, fn in (("add", add), ("add-inplace", add_inplace)):
            ns, steady = per_op_ns(fn, quick)
            out.append({"library": lib, "op": op, "n": n, "batches": ns, "steady": steady, "median": float(np.median(ns))})
            print(f"per-op {lib} {op}: {np.median(ns):.0f} ns", file=sys.stderr, flush=True)

    def empty(k):
        for _ in range(k):
            pass
    ns, steady = per_op_ns(empty, quick)
    out.append({"library": "python", "op": "empty-loop", "n": 0, "batches": ns, "steady": steady, "median": float(np.median(ns))})
    return {"quick": quick, "perOp": out}


def per_op_ns(fn, quick):
    """gdbench.measure.PerOpTiming's rule, the same on the JVM: batches of at least batch_s seconds; a warm-up
    of at least min_s, then until the last five batches agree within 5% (at most cap_s); then the ns per op
    of 7 timed batches, whose median is this process's figure."""
    batch_s, min_s, cap_s, timed = (0.01, 0.1, 1.0, 7) if quick else (0.02, 0.3, 3.0, 7)
    k = 1
    while True:  # size the batch
        t0 = time.perf_counter_ns()
        fn(k)
        t = (time.perf_counter_ns() - t0) / 1e9
        if t >= batch_s:
            break
        k = k * 2 if t < batch_s / 4 else max(k + 1, int(k * batch_s * 1.1 / t))
    start = time.perf_counter()
    recent, steady = [], False
    while time.perf_counter() - start < cap_s:
        t0 = time.perf_counter_ns()
        fn(k)
        recent = (recent + [(time.perf_counter_ns() - t0) / k])[-5:]
        if (len(recent) == 5 and time.perf_counter() - start >= min_s
                and max(recent) - min(recent) <= 0.05 * float(np.median(recent))):
            steady = True
            break
    ns = []
    for _ in range(timed):
        t0 = time.perf_counter_ns()
        fn(k)
        ns.append((time.perf_counter_ns() - t0) / k)
    return ns, steady


# ------------------------------------------------------------------------------------ kernels

def captured(fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            result = fn()
    except Exception as e:  # noqa: BLE001 - a missing introspection API is recorded, not fatal
        return f"unavailable: {e}"
    text = buf.getvalue()
    return text if text else ("" if result is None else str(result))


def loaded_libraries():
    """The shared objects of BLAS, LAPACK, OpenMP and oneDNN this process mapped (Linux)."""
    keys = ("blas", "lapack", "mkl", "gomp", "iomp", "omp", "dnnl", "blis", "flexiblas", "accelerate")
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "/" in line}
    except OSError:
        return []
    return sorted(p for p in paths if any(k in os.path.basename(p).lower() for k in keys))


def kernels():
    try:
        simd = {"baseline": list(np.core._multiarray_umath.__cpu_baseline__),
                "dispatch": [f for f in np.core._multiarray_umath.__cpu_dispatch__
                             if np.core._multiarray_umath.__cpu_features__.get(f)]}
    except AttributeError:
        simd = None
    return {
        "numpy": {"version": np.__version__, "showConfig": captured(np.show_config), "simd": simd},
        "torch": {"version": torch.__version__, "config": captured(torch.__config__.show),
                  "parallelInfo": captured(torch.__config__.parallel_info),
                  "cpuCapability": captured(lambda: torch.backends.cpu.get_cpu_capability())
                  if hasattr(torch.backends, "cpu") and hasattr(torch.backends.cpu, "get_cpu_capability") else None,
                  "threads": torch.get_num_threads(), "interopThreads": torch.get_num_interop_threads()},
        "threadpoolctl": threadpoolctl.__version__ if threadpoolctl else None,
        "threadpools": threadpoolctl.threadpool_info() if threadpoolctl else None,
        "loadedLibraries": loaded_libraries(),
    }


def main(argv):
    if not argv or argv[0] not in ("steps", "perop"):
        raise SystemExit("usage: tutorial_reference.py steps|perop [options] (see the docstring)")
    body = steps_mode(argv[1:]) if argv[0] == "steps" else perop_mode(argv[1:])
    out = {"schema": "gdbench-tutorial-reference-process/2", "mode": argv[0], "python": platform.python_version(),
           "numpy": np.__version__, "torch": torch.__version__, "threads": THREADS,
           "environment": {k: v for k, v in sorted(os.environ.items()) if k.startswith(KERNEL_PREFIXES)},
           "kernels": kernels()}
    out.update(body)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
