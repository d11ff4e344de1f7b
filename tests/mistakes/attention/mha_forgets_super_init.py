"""Forgets super().__init__(), so nn.Module refuses the first submodule."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "raised AttributeError: cannot assign module before Module.__init__() call"

import torch.nn as nn


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        self.n_heads = n_heads  # no super().__init__() before the first submodule
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None
