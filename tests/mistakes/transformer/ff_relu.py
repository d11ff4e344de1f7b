"""Uses ReLU, as the original Transformer did, where GPT uses GELU."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "ReLU instead of GELU"

import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.act = nn.ReLU()
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(self.act(self.fc(x))))
