"""Uses RMSNorm (LLaMA's norm: no mean subtraction, no bias) where the docstring asks for
nn.LayerNorm, thinking the two are interchangeable."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "RMSNorm instead of LayerNorm for ln1 and ln2"
NAMED_BY = r"rmsnorm|mean subtraction|nn\.LayerNorm|ln[12]\.bias|3,?280"

import torch
import torch.nn as nn


class _RMSNorm(nn.Module):
    def __init__(self, d_model, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d_model))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        self.ln1 = _RMSNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout, causal=True)  # noqa: F821
        self.ln2 = _RMSNorm(d_model)
        self.ffn = FeedForward(d_model, d_ff, dropout)  # noqa: F821

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(x))
