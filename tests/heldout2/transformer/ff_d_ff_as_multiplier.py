"""Reads d_ff as the widening factor ("usually 4") and builds the hidden layer d_model * d_ff wide,
so FeedForward(8, 32) is 256 wide instead of 32."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "treats d_ff as a multiplier: hidden width d_model * d_ff instead of d_ff"
NAMED_BY = r"d_ff|width|hidden|552|parameter count|number of parameters|size mismatch"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_model * d_ff)
        self.proj = nn.Linear(d_model * d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(x))))
