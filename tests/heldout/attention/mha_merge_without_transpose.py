"""Splits the heads correctly but merges them back with a plain reshape from (B, n_heads, T, head_dim) to (B, T, C)."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "heads merged without transposing back to (B, T, n_heads, head_dim): the reshape mixes positions and heads"
NAMED_BY = r"transpose\w* back|merg\w*|concatenat\w* (the )?heads|heads (side by side|back together)"

import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        self.n_heads = n_heads
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v
        y = y.reshape(B, T, C)
        return self.proj(y)
