"""Adds an nn.Dropout on each residual branch, as nanoGPT's resid_dropout, on top of the sublayers' own dropout."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "extra dropout on the residual branches, which the contract leaves out: in training the branches are dropped twice"
NAMED_BY = r"residual.{0,30}dropout|dropout.{0,40}(residual|branch|twice|extra)|extra dropout|resid_dropout"

import torch.nn as nn

from core.attention import MultiHeadAttention


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, d_ff, dropout=dropout)
        self.resid_dropout = nn.Dropout(dropout)

    def forward(self, x):
        x = x + self.resid_dropout(self.attn(self.ln1(x)))
        return x + self.resid_dropout(self.ffn(self.ln2(x)))
