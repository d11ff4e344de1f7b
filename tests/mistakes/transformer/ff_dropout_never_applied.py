"""Creates self.dropout and never calls it."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "dropout never applied: apply self.dropout to the output"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.proj(F.gelu(self.fc(x)))
