"""Forgets the activation: two Linears in a row are one linear map."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "no activation between the two Linears: together they are one linear map"

import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff)
        self.proj = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(self.proj(self.fc(x)))
