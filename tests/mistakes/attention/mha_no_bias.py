"""Builds the projections with bias=False."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "missing parameters qkv.bias, proj.bias"

import torch.nn as nn


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__(d_model, n_heads, dropout, causal)
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.proj = nn.Linear(d_model, d_model, bias=False)
