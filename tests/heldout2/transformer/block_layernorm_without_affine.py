"""Creates the norms as nn.LayerNorm(d_model, elementwise_affine=False), believing LayerNorm only
normalises: without its learned gain and bias the block has 4·d_model parameters fewer and cannot
rescale the normalised stream."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "LayerNorms without elementwise affine parameters (no weight and bias)"
NAMED_BY = r"affine|gain|layernorm (weight|parameters)|ln[12]\.(weight|bias)|3,?280|missing key"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        self.ln1 = nn.LayerNorm(d_model, elementwise_affine=False)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout, causal=True)  # noqa: F821
        self.ln2 = nn.LayerNorm(d_model, elementwise_affine=False)
        self.ffn = FeedForward(d_model, d_ff, dropout)  # noqa: F821

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(x))
