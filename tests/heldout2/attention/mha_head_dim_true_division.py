"""Computes head_dim = d_model / n_heads with true division, a float, which .view refuses as a
size: a Python 2 habit, or reading the docstring's "d_model / n_heads" literally."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "head_dim is a float (d_model / n_heads), so the reshape into heads raises"
NAMED_BY = r"head_dim|float|integer|//|TypeError|tuple of ints|reshape|view"

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        assert d_model % n_heads == 0
        self.n_heads = n_heads
        self.head_dim = d_model / n_heads
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.reshape(B, T, self.n_heads, self.head_dim).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        _, w = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        self.last_attention = w.detach()
        out = (self.dropout(w) @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(out)
