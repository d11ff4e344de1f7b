"""Adds the input back inside FeedForward: x + MLP(x)."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "the residual connection is added inside FeedForward; Block adds it, so it would be counted twice"
NAMED_BY = r"residual|x \+|adds? (back )?the input|skip connection|identity"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return x + self.dropout(self.proj(F.gelu(self.fc(x))))
