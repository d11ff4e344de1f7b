"""Adds residual dropout with F.dropout(h, p), whose training flag defaults to True."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "dropout applied in eval mode too: use nn.Dropout, which follows self.training"

import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        self.p = dropout
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, d_ff, dropout=dropout)

    def forward(self, x):
        x = x + F.dropout(self.attn(self.ln1(x)), self.p)
        x = x + F.dropout(self.ffn(self.ln2(x)), self.p)
        return x
