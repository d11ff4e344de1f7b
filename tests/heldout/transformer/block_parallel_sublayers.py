"""Runs attention and the feed-forward side by side on the same input (GPT-J style) and adds both."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "parallel block: the feed-forward reads the input stream, not the stream after attention has been added"
NAMED_BY = r"parallel|sequential|after (the )?attention|same input|reads x|both sublayers read|in order"

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
        return x + self.attn(self.ln1(x)) + self.ffn(self.ln2(x))
