"""Names the layers the nanoGPT way (c_fc, c_proj), so the grader cannot load the reference's weights."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "missing parameters fc.weight, fc.bias, proj.weight, proj.bias; found c_fc.weight"

import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.c_fc = nn.Linear(d_model, d_ff)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.c_proj(self.gelu(self.c_fc(x))))
