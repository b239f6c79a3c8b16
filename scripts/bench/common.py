"""Shared set-up for the PyTorch peers of the C# benchmark: float64, two threads, one JSON line out."""
import json
import os
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(2)


def blas_library():
    """The BLAS shared object this process actually mapped (Debian picks it through update-alternatives)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return sorted(paths)
    except OSError:
        return []


def report(seconds, **result):
    """Prints the one JSON line the C# harness reads: wall time of the timed section and the result."""
    line = {"seconds": seconds, "threads": torch.get_num_threads(), "torch": torch.__version__,
            "blas": blas_library(), **result}
    print(json.dumps(line))
    sys.stdout.flush()


class Timer:
    """Wall-clock seconds of a with-block."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
