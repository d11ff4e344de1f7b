"""Adds a LayerNorm in front of fc inside the MLP, thinking every sublayer normalises its own input:
the Block already does that with ln2, so the MLP normalises twice and has 2·d_model extra
parameters."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "a LayerNorm inside FeedForward before fc (extra parameters, input normalised)"
NAMED_BY = r"layernorm|norm|parameter|552|extra|key|unexpected"

import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.ln = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(self.ln(x)))))
