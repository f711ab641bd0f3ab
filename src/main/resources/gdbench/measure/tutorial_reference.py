#!/usr/bin/env python3
"""The tutorial's own code, timed on gdbench's workloads: the reference rows of the report.

One step = the tutorial's loop body on the full batch: numpy by hand (stage 1), the same ops as
torch tensors (no autograd), torch autograd with the update by hand (stage 2), torch MSELoss + SGD
(stage 3), nn.Linear + MSELoss + SGD (stage 4). One thread, like the JMH suite's default.

Usage (gdbench reference runs it): tutorial_reference.py [--quick] WORKLOAD... where WORKLOAD is name:n:d:bias(0|1):lr.
Prints one JSON object on stdout; never writes files.
"""
import os
import sys

THREADS = "1"
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = THREADS

import json, platform, time  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

torch.set_num_threads(int(THREADS))


def data(name, n, d, bias):
    if name == "seed":
        x = np.array([1, 2, 3, 4], dtype=np.float32).reshape(4, 1)
        return x, 2 * x[:, 0]
    rng = np.random.default_rng(42)
    x = rng.standard_normal((n, d), dtype=np.float32)
    w = rng.uniform(-2, 2, d).astype(np.float32)
    y = (x @ w + (np.float32(0.5) if bias else 0) + np.float32(0.1) * rng.standard_normal(n, dtype=np.float32)).astype(np.float32)
    return x, y


def numpy_manual(x, y, bias, lr):
    n, d = x.shape
    st = {"w": np.zeros(d, dtype=np.float32), "b": np.float32(0)}
    lr = np.float32(lr)

    def step():
        y_hat = x @ st["w"] + st["b"] if bias else x @ st["w"]
        l = np.mean((y_hat - y) ** 2)
        dw = 2 * x.T @ (y_hat - y) / n
        st["w"] -= lr * dw
        if bias:
            st["b"] -= lr * np.mean(2 * (y_hat - y))
        return l
    return step


def torch_manual(x, y, bias, lr):
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    n, d = X.shape
    w, b = torch.zeros(d), torch.zeros(())

    def step():
        y_hat = X @ w + b if bias else X @ w
        l = torch.mean((y_hat - Y) ** 2)
        dw = 2 * X.T @ (y_hat - Y) / n
        w.sub_(lr * dw)
        if bias:
            b.sub_(lr * torch.mean(2 * (y_hat - Y)))
        return l.item()
    return step


def torch_autograd(x, y, bias, lr):
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.zeros(X.shape[1], requires_grad=True)
    b = torch.zeros((), requires_grad=True)

    def step():
        l = torch.mean(((X @ w + b if bias else X @ w) - Y) ** 2)
        l.backward()
        with torch.no_grad():  # the tutorial's `w -= learning_rate * w.grad`, then `w.grad.zero_()`
            w.sub_(lr * w.grad)
            w.grad.zero_()
            if bias:
                b.sub_(lr * b.grad)
                b.grad.zero_()
        return l.item()
    return step


def torch_loss_optimizer(x, y, bias, lr):
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.zeros(X.shape[1], requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    loss = nn.MSELoss()
    opt = torch.optim.SGD([w, b] if bias else [w], lr=lr)

    def step():
        l = loss(X @ w + b if bias else X @ w, Y)
        l.backward()
        opt.step()
        opt.zero_grad()
        return l.item()
    return step


def torch_linear(x, y, bias, lr):
    X, Y = torch.from_numpy(x), torch.from_numpy(y).reshape(-1, 1)
    model = nn.Linear(X.shape[1], 1, bias=bias)
    with torch.no_grad():
        model.weight.zero_()
        if bias:
            model.bias.zero_()
    loss = nn.MSELoss()
    opt = torch.optim.SGD(model.parameters(), lr=lr)

    def step():
        l = loss(model(X), Y)
        l.backward()
        opt.step()
        opt.zero_grad()
        return l.item()
    return step


IMPLEMENTATIONS = [
    ("numpy", "manual", numpy_manual),
    ("torch", "manual", torch_manual),
    ("torch", "autograd", torch_autograd),
    ("torch", "loss-optimizer", torch_loss_optimizer),
    ("torch", "full-library", torch_linear),
]


def measure(step, samples, sample_seconds):
    """Steps per second in `samples` timed batches, each running at least `sample_seconds`."""
    t_end = time.perf_counter() + sample_seconds
    while time.perf_counter() < t_end:  # warm-up
        step()
    batch, rates = 1, []
    while len(rates) < samples:
        t0 = time.perf_counter()
        for _ in range(batch):
            last = step()
        t = time.perf_counter() - t0
        if t < sample_seconds:
            batch *= 2
            continue
        rates.append(batch / t)
        if not np.isfinite(last):
            raise RuntimeError("the loss became non-finite")
    return rates


def main(argv):
    quick = "--quick" in argv
    workloads = [a for a in argv if a != "--quick"]
    samples, seconds = (2, 0.1) if quick else (5, 0.4)
    rows = []
    for spec in workloads:
        name, n, d, bias, lr = spec.split(":")
        n, d, bias, lr = int(n), int(d), bias == "1", float(lr)
        x, y = data(name, n, d, bias)
        for library, stage, make in IMPLEMENTATIONS:
            rates = measure(make(x, y, bias, lr), samples, seconds)
            mean = float(np.mean(rates))
            rows.append({"library": library, "stage": stage, "workload": name, "n": n, "d": d,
                         "stepsPerSecond": mean, "stdev": float(np.std(rates, ddof=1)) if len(rates) > 1 else 0.0,
                         "samples": rates})
            print(f"reference {library}/{stage} {name}: {1e6 / mean:.2f} us/step", file=sys.stderr, flush=True)
    json.dump({"schema": "gdbench-tutorial-reference/1", "status": "complete",
               "python": platform.python_version(), "numpy": np.__version__, "torch": torch.__version__,
               "threads": int(THREADS), "quick": quick, "rows": rows}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
