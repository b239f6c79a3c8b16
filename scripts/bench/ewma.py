"""Seed 000 peer: a one-unit linear RNN learns an EWMA, one sample per SGD step, 100 epochs of 10,000.

The document's toy network y_hat = W_x·x + W_a·a + b, where a is the previous prediction, trained with
SGD (lr 0.001) on half the squared error, with autograd. Data and initial weights are the document's
draws (NumPy's legacy generator seeded 1337). Prints one JSON line: seconds for the 1,000,000 steps and
the final weights. Usage: ewma.py
"""
import numpy as np
import torch

from common import Timer, report

ALPHA, SAMPLES, EPOCHS, LR = 0.2, 10_000, 100, 1e-3


def run_avg(signal, alpha=ALPHA):
    """Running average from the signal's mean; NaN or zero samples are replaced by the current average."""
    avg, out = np.nanmean(signal), []
    for sample in signal:
        if np.isnan(sample) or sample == 0:
            sample = avg
        avg = (1 - alpha) * avg + alpha * sample
        out.append(avg)
    return np.array(out)


def main():
    np.random.seed(1337)
    x = np.random.rand(SAMPLES)
    y = run_avg(x)
    w_a, w_x, b = (torch.tensor(np.random.rand(), requires_grad=True) for _ in range(3))
    a = torch.tensor(np.random.rand())
    xs, ys = torch.from_numpy(x), torch.from_numpy(y)

    with Timer() as timer:
        for _ in range(EPOCHS):
            for i in range(SAMPLES):
                y_hat = w_x * xs[i] + w_a * a + b
                loss = 0.5 * (ys[i] - y_hat) ** 2
                loss.backward()
                with torch.no_grad():
                    for p in (w_a, w_x, b):
                        p -= LR * p.grad
                        p.grad = None
                a = y_hat.detach()
    report(timer.seconds, steps=EPOCHS * SAMPLES, W_a=w_a.item(), W_x=w_x.item(), b=b.item())


if __name__ == "__main__":
    main()
