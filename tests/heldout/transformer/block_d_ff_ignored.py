"""Always builds the MLP with 4 * d_model, even when d_ff is given."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "a given d_ff is ignored: the hidden width is always 4 * d_model"
NAMED_BY = r"d_ff (is )?ignored|ignor\w* d_ff|4 ?\* ?d_model|hidden (width|size)|parameter count|number of parameters|\d+ parameters|d_ff not passed on"

import torch.nn as nn

from core.attention import MultiHeadAttention


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, 4 * d_model, dropout=dropout)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(x))
