"""Feeds the feed-forward the attention output instead of the updated residual stream."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "the FFN reads ln2(attention output) instead of ln2(x + attention output): the residual stream is not what the MLP sees"
NAMED_BY = r"residual stream|updated stream|attention output|ln2\(|reads the (attention|sublayer)|instead of the stream"

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

    def forward(self, x):
        a = self.attn(self.ln1(x))
        x = x + a
        return x + self.ffn(self.ln2(a))
