"""Keyword arguments everywhere, the branch computed first and added after."""

EXERCISE = "transformer.Block"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        if d_ff is None:
            d_ff = d_model * 4
        self.ln1 = nn.LayerNorm(normalized_shape=d_model)
        self.attn = MultiHeadAttention(d_model=d_model, n_heads=n_heads, dropout=dropout, causal=True)
        self.ln2 = nn.LayerNorm(normalized_shape=d_model)
        self.ffn = FeedForward(d_model=d_model, d_ff=d_ff, dropout=dropout)

    def forward(self, x):
        attended = self.attn(self.ln1(x))
        h = attended + x
        transformed = self.ffn(self.ln2(h))
        return transformed + h
