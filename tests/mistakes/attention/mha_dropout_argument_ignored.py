"""Hard-codes nn.Dropout(0.1) "as nanoGPT does", so the dropout argument never reaches the layer."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "the dropout argument is ignored: build self.dropout = nn.Dropout(dropout)"

import torch.nn as nn


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__(d_model, n_heads, dropout, causal)
        self.dropout = nn.Dropout(0.1)
