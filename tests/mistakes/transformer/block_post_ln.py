"""Normalises after the residual sum, as the original Transformer (post-LN) does."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "post-LN (x = ln(x + sublayer(x))) instead of pre-LN (x = x + sublayer(ln(x)))"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, d_ff, dropout=dropout)

    def forward(self, x):
        x = self.ln1(x + self.attn(x))
        x = self.ln2(x + self.ffn(x))
        return x
