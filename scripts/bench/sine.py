"""Seed 001 peer: LSTM, GRU or Elman RNN (32) + Dense(1, tanh) on sine windows, Keras defaults, Adam, 25 epochs of batch 32.

Prints one JSON line: seconds for the 25 training epochs, last-epoch loss and the rollout RMSE.
Usage: sine.py lstm|gru|rnn [seed]
"""
import math
import sys

import numpy as np
import torch
from torch import nn

from common import Timer, report

WINDOW, HIDDEN, BATCH, EPOCHS, LR = 20, 32, 32, 25, 1e-3


class Model(nn.Module):
    def __init__(self, cell):
        super().__init__()
        layer = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
        self.rnn = layer(1, HIDDEN, batch_first=True)
        self.dense = nn.Linear(HIDDEN, 1)
        # Keras defaults: glorot-uniform kernels, orthogonal recurrent kernel, zero biases, LSTM forget-gate bias 1.
        nn.init.xavier_uniform_(self.rnn.weight_ih_l0)
        nn.init.orthogonal_(self.rnn.weight_hh_l0)
        nn.init.zeros_(self.rnn.bias_ih_l0)
        nn.init.zeros_(self.rnn.bias_hh_l0)
        if cell == "lstm":
            with torch.no_grad():
                self.rnn.bias_ih_l0[HIDDEN:2 * HIDDEN] = 1.0
        nn.init.xavier_uniform_(self.dense.weight)
        nn.init.zeros_(self.dense.bias)

    def forward(self, x):
        out, _ = self.rnn(x)
        return torch.tanh(self.dense(out[:, -1, :]))


def windows(values):
    x = np.stack([values[i:i + WINDOW] for i in range(len(values) - WINDOW)])
    return torch.from_numpy(x).unsqueeze(-1), torch.from_numpy(values[WINDOW:]).unsqueeze(-1)


def main():
    cell = sys.argv[1] if len(sys.argv) > 1 else "lstm"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    torch.manual_seed(seed)
    x, y = windows(np.sin(np.arange(-50 * math.pi, 50 * math.pi, 0.1)))
    model = Model(cell)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR, eps=1e-7)
    loss_fn = nn.MSELoss()
    generator = torch.Generator().manual_seed(seed)

    with Timer() as timer:
        for _ in range(EPOCHS):
            order = torch.randperm(len(x), generator=generator)
            total = 0.0
            for start in range(0, len(x), BATCH):
                batch = order[start:start + BATCH]
                optimizer.zero_grad()
                loss = loss_fn(model(x[batch]), y[batch])
                loss.backward()
                optimizer.step()
                total += loss.item() * len(batch)
            epoch_loss = total / len(x)

    # Autoregressive rollout over [0, 10π): seed with 20 true values, feed predictions back.
    truth = np.sin(np.arange(0, 10 * math.pi, 0.1))
    history = list(truth[:WINDOW])
    with torch.no_grad():
        for _ in range(len(truth) - WINDOW):
            window = torch.tensor(history[-WINDOW:]).view(1, WINDOW, 1)
            history.append(model(window).item())
    rmse = float(np.sqrt(np.mean((np.array(history[WINDOW:]) - truth[WINDOW:]) ** 2)))
    report(timer.seconds, loss=epoch_loss, rollout_rmse=rmse, windows=len(x),
           batches_per_epoch=math.ceil(len(x) / BATCH))


if __name__ == "__main__":
    main()
