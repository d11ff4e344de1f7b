"""Builds the hidden layer as 4 * d_model, ignoring the d_ff argument."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "d_ff is ignored: the hidden width is always 4 * d_model"
NAMED_BY = r"d_ff (is )?ignored|ignor\w* d_ff|4 ?\* ?d_model|hidden (width|size)|parameter count|number of parameters|\d+ parameters"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, 4 * d_model)
        self.proj = nn.Linear(4 * d_model, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(x))))
