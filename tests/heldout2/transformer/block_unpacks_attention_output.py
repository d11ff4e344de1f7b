"""Unpacks the attention's result as (output, weights), the nn.MultiheadAttention habit: our layer
returns one tensor, so the unpacking splits it along the batch axis (works, wrongly, for B = 2;
raises otherwise)."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "unpacks MultiHeadAttention's output as a (out, weights) tuple, though it returns a single tensor"
NAMED_BY = r"tuple|unpack|too many values|attention output|attn\(|batch (axis|dim)"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout, causal=True)  # noqa: F821
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, d_ff, dropout)  # noqa: F821

    def forward(self, x):
        attended, _ = self.attn(self.ln1(x))
        x = x + attended
        return x + self.ffn(self.ln2(x))
