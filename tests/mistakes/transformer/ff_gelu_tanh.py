"""Uses GPT-2's tanh approximation of GELU instead of the exact one."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "GELU with the tanh approximation: use the exact GELU, nn.GELU() or F.gelu(x)"

import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.gelu = nn.GELU(approximate="tanh")
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(self.gelu(self.fc(x))))
