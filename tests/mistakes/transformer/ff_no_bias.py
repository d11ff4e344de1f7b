"""Builds both Linears with bias=False, as some modern LLMs do; the docstring's layers keep their biases."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "Linears built without a bias"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff, bias=False)
        self.proj = nn.Linear(d_ff, d_model, bias=False)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(x))))
