"""Seed 002 peer: binary addition with a 16-unit tanh RNN, one example at a time, 10 epochs of 20,000.

The set-up of the blog's linked code: no biases, weights uniform in ±sqrt(1/fan_in), BPTT truncated
to 2 steps back from each output, SGD with lr 0.001 halved when the epoch loss rises, the loss over
the whole training set logged before each epoch, operands drawn from 0..127. Gradients come from
autograd: each output's loss is recomputed from the state three steps earlier, detached, which is
exactly truncated BPTT, batched over the eight outputs.

Prints one JSON line: seconds for training (the per-epoch loss evaluations included), the logged losses
and held-out accuracy. Usage: binary_addition.py lsb|msb [seed]
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

from common import Timer, report

BITS, HIDDEN, EXAMPLES, EPOCHS, TRUNCATE, LR = 8, 16, 20_000, 10, 2, 1e-3


def encode(a, b, lsb_first):
    """[examples, 8, 2] input bits and [examples, 8] target bits of a + b."""
    shifts = np.arange(BITS) if lsb_first else np.arange(BITS)[::-1]
    bits = lambda v: (v[:, None] >> shifts) & 1
    x = np.stack([bits(a), bits(b)], axis=-1).astype(np.float64)
    return torch.from_numpy(x), torch.from_numpy(bits(a + b)).long()


def states(x, u, w):
    """Hidden states [8, 16] of one example."""
    s, out = torch.zeros(HIDDEN), []
    for t in range(BITS):
        s = torch.tanh(u @ x[t] + w @ s)
        out.append(s)
    return torch.stack(out)


def truncated_loss(x, y, u, w, v):
    """Sum over outputs of cross-entropy, with gradients flowing at most TRUNCATE steps back from each."""
    with torch.no_grad():
        s = states(x, u, w)
    padded_x = torch.cat([torch.zeros(TRUNCATE, 2), x])
    padded_s = torch.cat([torch.zeros(TRUNCATE + 1, HIDDEN), s])
    h = padded_s[:BITS]  # state before each window, detached: s_{t-3}
    for j in range(TRUNCATE + 1):  # windows of steps t-2, t-1, t for all t at once
        h = torch.tanh(padded_x[j:j + BITS] @ u.T + h @ w.T)
    return F.cross_entropy(h @ v.T, y, reduction="sum")


def mean_loss(x, y, u, w, v):
    """Mean per-step cross-entropy over a data set, as the blog logs it."""
    with torch.no_grad():
        s = torch.zeros(len(x), HIDDEN)
        total = 0.0
        for t in range(BITS):
            s = torch.tanh(x[:, t] @ u.T + s @ w.T)
            total += F.cross_entropy(s @ v.T, y[:, t], reduction="sum").item()
    return total / (len(x) * BITS)


def accuracy(x, y, u, w, v):
    """Fraction of bits and of whole sums predicted right."""
    with torch.no_grad():
        s, predicted = torch.zeros(len(x), HIDDEN), []
        for t in range(BITS):
            s = torch.tanh(x[:, t] @ u.T + s @ w.T)
            predicted.append((s @ v.T).argmax(1))
        right = torch.stack(predicted, 1) == y
    return right.double().mean().item(), right.all(1).double().mean().item()


def main():
    order = sys.argv[1] if len(sys.argv) > 1 else "lsb"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rng = np.random.RandomState(seed)
    x, y = encode(rng.randint(0, 128, EXAMPLES), rng.randint(0, 128, EXAMPLES), order == "lsb")
    test_x, test_y = encode(rng.randint(0, 128, 1000), rng.randint(0, 128, 1000), order == "lsb")
    u = torch.from_numpy(rng.uniform(-np.sqrt(1 / 2), np.sqrt(1 / 2), (HIDDEN, 2))).requires_grad_()
    w = torch.from_numpy(rng.uniform(-np.sqrt(1 / HIDDEN), np.sqrt(1 / HIDDEN), (HIDDEN, HIDDEN))).requires_grad_()
    v = torch.from_numpy(rng.uniform(-np.sqrt(1 / HIDDEN), np.sqrt(1 / HIDDEN), (2, HIDDEN))).requires_grad_()

    lr, losses = LR, []
    with Timer() as timer:
        for _ in range(EPOCHS):
            losses.append(mean_loss(x, y, u, w, v))
            if len(losses) > 1 and losses[-1] > losses[-2]:
                lr *= 0.5
            for i in range(EXAMPLES):
                truncated_loss(x[i], y[i], u, w, v).backward()
                with torch.no_grad():
                    for p in (u, w, v):
                        p -= lr * p.grad
                        p.grad = None
    bit_accuracy, sum_accuracy = accuracy(test_x, test_y, u, w, v)
    report(timer.seconds, order=order, losses=losses, final_loss=mean_loss(x, y, u, w, v),
           bit_accuracy=bit_accuracy, sum_accuracy=sum_accuracy)


if __name__ == "__main__":
    main()
