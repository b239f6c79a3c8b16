"""Batch-1 overhead peer: a stateful one-unit linear recurrence h = w_hh·h + w_ih·x + b trained one sample at a time
with autograd, MSE and SGD, the state carried (detached) from sample to sample, as the C# workload does.

The per-step cost is timed over the first TIMED steps and scaled to TOTAL, so a million steps need not run.
Prints one JSON line. Usage: batch1_overhead.py TOTAL TIMED
"""
import sys

import numpy as np
import torch

from common import Timer, report


def main():
    total = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
    timed = int(float(sys.argv[2])) if len(sys.argv) > 2 else 20_000
    rng = np.random.RandomState(1337)
    x = torch.from_numpy(rng.rand(timed))
    y = torch.from_numpy(rng.rand(timed))
    w_ih = torch.nn.Parameter(torch.tensor([0.5]))
    w_hh = torch.nn.Parameter(torch.tensor([0.5]))
    b = torch.nn.Parameter(torch.tensor([0.0]))
    optimizer = torch.optim.SGD([w_ih, w_hh, b], lr=0.0005)
    loss_fn = torch.nn.MSELoss()
    h = torch.zeros(1)
    with Timer() as timer:
        for i in range(timed):
            optimizer.zero_grad()
            h = w_hh * h.detach() + w_ih * x[i] + b
            loss = loss_fn(h, y[i:i + 1])
            loss.backward()
            optimizer.step()
    report(timer.seconds * total / timed, steps_timed=timed, ns_per_step=timer.seconds / timed * 1e9)


if __name__ == "__main__":
    main()
