"""Takes d_ff=None to mean d_model, so the MLP is four times too narrow."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "d_ff=None should mean the usual width, d_ff = 4 * d_model"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, d_ff or d_model, dropout=dropout)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        x = x + self.ffn(self.ln2(x))
        return x
