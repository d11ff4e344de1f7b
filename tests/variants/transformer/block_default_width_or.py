"""d_ff defaulted with `or`, the residual adds written with Tensor.add."""

EXERCISE = "transformer.Block"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout, True)
        self.ffn = FeedForward(d_model, d_ff or 4 * d_model, dropout)

    def forward(self, x):
        x = x.add(self.attn(self.ln1(x)))
        return x.add(self.ffn(self.ln2(x)))
