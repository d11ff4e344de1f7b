"""Flattens (B, T, C) to (B·T, C) and back, unpacking x.shape into three names."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "assumes a 3-D input; the contract takes (..., d_model), so 2-D or 4-D inputs fail"
NAMED_BY = r"3-?D\b|three|leading dims?|\(\.\.\., d_model\)|any number of|2-?D input|not enough values to unpack"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        B, T, C = x.shape
        h = F.gelu(self.fc(x.reshape(B * T, C)))
        return self.dropout(self.proj(h)).reshape(B, T, C)
