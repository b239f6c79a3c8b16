"""Measures, with NumPy, the source figures that notebooks 01 and 02 reproduce to 1e-9.

Run with a Python that has NumPy: `python3 measure_source_figures.py`. The printed values are the
constants in lib/RnnNotebooks/Experiments/CountingOnes/SourceFigures.cs and
lib/RnnNotebooks/Experiments/Ewma/SourceFigures.cs.
"""
import numpy as np


def counting_ones():
    """Seed 004: linear RNN counting ones, trained with the tutorial's Rprop rule."""
    np.random.seed(1)
    x = np.zeros((20, 10))
    for row in range(20):
        x[row] = np.around(np.random.rand(10))
    t = x.sum(axis=1)

    def states(inputs, wx, w_rec):
        s = np.zeros((inputs.shape[0], inputs.shape[1] + 1))
        for k in range(inputs.shape[1]):
            s[:, k + 1] = s[:, k] * w_rec + inputs[:, k] * wx
        return s

    def gradients(wx, w_rec):
        s = states(x, wx, w_rec)
        g = 2.0 * (s[:, -1] - t) / x.shape[0]
        gx = gr = 0.0
        for k in range(x.shape[1], 0, -1):
            gx += np.sum(g * x[:, k - 1])
            gr += np.sum(g * s[:, k - 1])
            g = g * w_rec
        return np.array([gx, gr])

    w = np.array([-1.5, 2.0])
    step = np.array([0.001, 0.001])
    previous = np.zeros(2)
    for _ in range(500):
        sign = np.sign(gradients(*w))
        step = np.where(sign == previous, step * 1.2, step * 0.5)
        previous = sign
        w = w - sign * step
    test = np.array([[0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1]], dtype=float)
    print("counting ones: wx =", repr(w[0]), " wRec =", repr(w[1]), " test output =", repr(states(test, *w)[0, -1]))


def ewma():
    """Seed 000: the question's one-sample-at-a-time loop on its own draws."""
    np.random.seed(1337)
    signal = np.random.rand(10000)
    target, avg = [], np.mean(signal)
    for sample in signal:
        if np.isnan(sample) or sample == 0:
            sample = avg
        avg = 0.8 * avg + 0.2 * sample
        target.append(avg)
    w_a, w_x, b, a = np.random.rand(), np.random.rand(), np.random.rand(), np.random.rand()
    for _ in range(100):
        for xi, yi in zip(signal.tolist(), target):
            y_hat = w_x * xi + w_a * a + b
            err = yi - y_hat
            w_a, w_x, b, a = w_a + err * a * 0.001, w_x + err * xi * 0.001, b + err * 0.001, y_hat
    print("ewma: W_a =", repr(w_a), " W_x =", repr(w_x), " b =", repr(b))


if __name__ == "__main__":
    counting_ones()
    ewma()
