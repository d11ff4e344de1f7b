"""Overwrites the residual stream with its normalised copy before each sublayer."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "LayerNorm applied to the residual stream itself (x = ln1(x)): normalise only the sublayer's input, x + attn(ln1(x))"

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
        x = self.ln1(x)
        x = x + self.attn(x)
        x = self.ln2(x)
        x = x + self.ffn(x)
        return x
