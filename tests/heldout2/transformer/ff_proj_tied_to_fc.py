"""Ties the way back to the way out, projecting with the transpose of fc's weight (as the GPT ties
lm_head to the embedding): proj's own weight is created but never used, so the MLP computes
something else than fc -> GELU -> proj."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "projects back with fc.weight transposed (tied) instead of proj's own weight"
NAMED_BY = r"tied|tie|proj('s)? (own )?weight|fc\.weight"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        h = F.gelu(self.fc(x))
        return self.dropout(F.linear(h, self.fc.weight.T, self.proj.bias))
