"""Seconds per call of torch and NumPy matrix products on the shapes the C# Gemm benchmark measures.

Usage: gemm.py '<json list of {name, m, k, n, ta, tb, acc}>'
"""
import json
import sys
import time

import numpy as np
import torch

from common import report


def seconds_per_call(call):
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            call()
        if time.perf_counter() - start > 0.02:
            break
        calls *= 2
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def operands(shape, rng):
    m, k, n = shape["m"], shape["k"], shape["n"]
    a = rng.random((k, m) if shape["ta"] else (m, k)) - 0.5
    b = rng.random((n, k) if shape["tb"] else (k, n)) - 0.5
    return (a.T if shape["ta"] else a), (b.T if shape["tb"] else b), np.zeros((m, n))


def main():
    shapes = json.loads(sys.argv[1])
    rng = np.random.default_rng(7)
    results = {}
    for shape in shapes:
        a, b, c = operands(shape, rng)
        ta, tb, tc = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(c)
        if shape["acc"]:
            torch_call = lambda: tc.addmm_(ta, tb)
            numpy_call = lambda: np.add(c, a @ b, out=c)
        else:
            torch_call = lambda: torch.mm(ta, tb, out=tc)
            numpy_call = lambda: np.matmul(a, b, out=c)
        results[shape["name"]] = {"torch_s": seconds_per_call(torch_call), "numpy_s": seconds_per_call(numpy_call)}
    report(0.0, **results)


if __name__ == "__main__":
    main()
