"""Seed 004 peer: the linear RNN that counts ones, S_k = S_{k-1}·wRec + X_k·wx, trained by 500 Rprop steps.

Data as the tutorial drew it (NumPy's legacy generator seeded 1, 20 rows of 10 rounded uniforms),
MSE loss, gradients by autograd, and the tutorial's Rprop (eta+ 1.2, eta- 0.5, steps start at 0.001,
start W = (-1.5, 2)). Prints one JSON line: seconds for the 500 iterations and the final weights.
Usage: rprop_counting.py
"""
import numpy as np
import torch

from common import Timer, report

ROWS, LENGTH, ITERATIONS, ETA_PLUS, ETA_MINUS = 20, 10, 500, 1.2, 0.5


def main():
    np.random.seed(1)
    x = torch.from_numpy(np.stack([np.around(np.random.rand(LENGTH)) for _ in range(ROWS)]))
    t = x.sum(1)
    w = torch.tensor([-1.5, 2.0], requires_grad=True)  # (wx, wRec)
    delta = torch.full((2,), 0.001)
    previous_sign = torch.zeros(2)

    with Timer() as timer:
        for _ in range(ITERATIONS):
            s = torch.zeros(ROWS)
            for k in range(LENGTH):
                s = s * w[1] + x[:, k] * w[0]
            loss = ((s - t) ** 2).mean()
            w.grad = None
            loss.backward()
            with torch.no_grad():
                sign = torch.sign(w.grad)
                delta *= torch.where(sign == previous_sign, ETA_PLUS, ETA_MINUS)
                w -= sign * delta
                previous_sign = sign

    test = torch.tensor([0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1], dtype=torch.float64)
    with torch.no_grad():
        s = torch.zeros(())
        for value in test:
            s = s * w[1] + value * w[0]
    report(timer.seconds, wx=w[0].item(), wRec=w[1].item(), test_target=test.sum().item(), test_output=s.item())


if __name__ == "__main__":
    main()
