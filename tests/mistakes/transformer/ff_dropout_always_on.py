"""Applies dropout with F.dropout(x, p), whose training flag defaults to True."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "dropout applied in eval mode too: use nn.Dropout, which follows self.training"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.p = dropout

    def forward(self, x):
        return F.dropout(self.proj(F.gelu(self.fc(x))), self.p)
