"""Reads "self-attention" as q = k = v: takes the first d_model outputs of qkv and uses that one
slice as queries, keys and values, ignoring the other two thirds of the projection."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "uses the q slice of the qkv projection as q, k and v alike"
NAMED_BY = r"q, k(,| and) v|qkv|same (slice|tensor)|keys and values|thirds"

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
        q = self.qkv(x)[..., :C]
        k = v = q
        q, k, v = (t.reshape(B, T, self.n_heads, hd).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        _, w = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        self.last_attention = w.detach()
        out = self.dropout(w) @ v
        out = out.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(out)
