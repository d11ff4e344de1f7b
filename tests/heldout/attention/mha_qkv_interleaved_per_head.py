"""Views the qkv output as (B, T, n_heads, 3 * head_dim), Megatron-style, and splits each head's slice into q, k, v."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "assumes a per-head interleaved q/k/v layout; the contract's qkv is [all q | all k | all v], so heads get the wrong slices"
NAMED_BY = r"interleav|layout|per.head (split|slice)|\[q ?\| ?k ?\| ?v\]|3 ?\* ?head_dim|q, k, v (concatenated|in that order)"

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
        head_dim = C // self.n_heads
        qkv = self.qkv(x).view(B, T, self.n_heads, 3 * head_dim).transpose(1, 2)
        q, k, v = qkv.split(head_dim, dim=-1)
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)
