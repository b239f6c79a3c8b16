#!/usr/bin/python3
"""Writes binary_addition_numpy.json: a NumPy rendition of the binary-addition training run, the
reference the library's BinaryAdditionRun is tested against.

The run: one np.random.RandomState(seed) draws the training pairs (a then b, randint(0, 128)), then
U [H, 2] ~ U(+-sqrt(1/2)), W [H, H] and V [2, H] ~ U(+-sqrt(1/H)). Forward s_t = tanh(U x_t + W s_{t-1}),
p_t = softmax(V s_t). One example per SGD step on the summed cross-entropy, each step's gradient taken
back through at most `truncate` earlier steps. Before every epoch the mean per-step cross-entropy over
the training set is logged and the learning rate halved if it rose.

Run: /usr/bin/python3 binary_addition_numpy.py  (from this folder)
"""
import json
import numpy as np


def pairs(rng, n):
    out = []
    for _ in range(n):
        a = rng.randint(0, 128)
        b = rng.randint(0, 128)
        out.append((a, b))
    return np.array(out, dtype=np.int64)


def encode(ab, lsb_first, bits=8):
    shifts = np.arange(bits) if lsb_first else np.arange(bits - 1, -1, -1)
    c = ab[:, 0] + ab[:, 1]
    x = np.stack([(ab[:, 0:1] >> shifts) & 1, (ab[:, 1:2] >> shifts) & 1], axis=2).astype(np.float64)
    y = (c[:, None] >> shifts) & 1
    return x, y


def mean_loss(U, W, V, X, Y):
    s = np.zeros((X.shape[0], U.shape[0]))
    total = 0.0
    for t in range(X.shape[1]):
        s = np.tanh(X[:, t] @ U.T + s @ W.T)
        o = s @ V.T
        o = o - o.max(axis=1, keepdims=True)
        logp = o - np.log(np.exp(o).sum(axis=1, keepdims=True))
        total += -logp[np.arange(X.shape[0]), Y[:, t]].sum()
    return total / (X.shape[0] * X.shape[1])


def sgd_step(U, W, V, x, y, lr, truncate):
    T, H = x.shape[0], U.shape[0]
    S = np.zeros((T + 1, H))
    dO = np.zeros((T, V.shape[0]))
    for t in range(T):
        S[t + 1] = np.tanh(U @ x[t] + W @ S[t])
        o = V @ S[t + 1]
        p = np.exp(o - o.max())
        p /= p.sum()
        p[y[t]] -= 1.0
        dO[t] = p
    dU, dW, dV = np.zeros_like(U), np.zeros_like(W), dO.T @ S[1:]
    for t in range(T):
        delta = (1.0 - S[t + 1] ** 2) * (V.T @ dO[t])
        for i in range(t, max(-1, t - truncate - 1), -1):
            dW += np.outer(delta, S[i])
            dU += np.outer(delta, x[i])
            delta = (1.0 - S[i] ** 2) * (W.T @ delta)
    U -= lr * dU
    V -= lr * dV
    W -= lr * dW


def run(seed, lsb_first, count, epochs, lr, hidden=16, truncate=2):
    rng = np.random.RandomState(seed)
    ab = pairs(rng, count)
    U = rng.uniform(-np.sqrt(1.0 / 2), np.sqrt(1.0 / 2), (hidden, 2))
    W = rng.uniform(-np.sqrt(1.0 / hidden), np.sqrt(1.0 / hidden), (hidden, hidden))
    V = rng.uniform(-np.sqrt(1.0 / hidden), np.sqrt(1.0 / hidden), (2, hidden))
    X, Y = encode(ab, lsb_first)
    losses, rates = [], []
    for _ in range(epochs):
        loss = mean_loss(U, W, V, X, Y)
        if losses and loss > losses[-1]:
            lr *= 0.5
        losses.append(loss)
        rates.append(lr)
        for k in range(count):
            sgd_step(U, W, V, X[k], Y[k], lr, truncate)
    losses.append(mean_loss(U, W, V, X, Y))
    return dict(seed=seed, lsb_first=lsb_first, count=count, epochs=epochs, hidden=hidden,
                losses=losses, rates=rates, U=U.ravel().tolist(), W=W.ravel().tolist(), V=V.ravel().tolist())


if __name__ == "__main__":
    cases = [
        run(seed=7, lsb_first=True, count=400, epochs=3, lr=0.001),
        run(seed=11, lsb_first=False, count=300, epochs=3, lr=0.001, hidden=4),
        # A rate large enough that the logged loss rises, so the halving rule is exercised.
        run(seed=3, lsb_first=True, count=200, epochs=6, lr=0.1),
    ]
    with open("binary_addition_numpy.json", "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, indent=1)
    for c in cases:
        print(c["seed"], c["lsb_first"], ["%.6f" % l for l in c["losses"]], c["rates"])
