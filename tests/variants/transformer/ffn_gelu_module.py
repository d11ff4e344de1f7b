"""nn.GELU() kept as a module and a pipeline held in a plain tuple (not registered, so no extra names)."""

EXERCISE = "transformer.FeedForward"

import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.act = nn.GELU(approximate="none")
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)
        self._steps = (self.fc, self.act, self.proj, self.dropout)

    def forward(self, x):
        for step in self._steps:
            x = step(x)
        return x
