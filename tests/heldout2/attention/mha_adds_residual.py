"""Adds the input back onto the projected output (return x + proj(...)), a residual that belongs
to the Block, not to the attention layer: the Block then counts x twice."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "adds a residual connection (x + output) inside the attention layer"
NAMED_BY = r"residual|adds? (the )?(input|x)|x \+"

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        assert d_model % n_heads == 0
        self.n_heads = n_heads
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None

    def forward(self, x):
        B, T, C = x.shape
        hd = C // self.n_heads
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, hd).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        _, w = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        self.last_attention = w.detach()
        out = (self.dropout(w) @ v).transpose(1, 2).contiguous().view(B, T, C)
        return x + self.proj(out)
