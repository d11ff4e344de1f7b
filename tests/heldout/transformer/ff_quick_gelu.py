"""Writes GELU as x · sigmoid(1.702 x), the quick approximation from the GELU paper (CLIP's QuickGELU)."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "uses the sigmoid approximation of GELU instead of the exact (erf) GELU"
NAMED_BY = r"sigmoid|quick.?gelu|1\.702|approximat|exact gelu|erf"

import torch
import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        h = self.fc(x)
        h = h * torch.sigmoid(1.702 * h)
        return self.dropout(self.proj(h))
