"""Attention written inline with einsum; chunk instead of split, permute instead of transpose,
a ValueError instead of an assert for an indivisible width."""

EXERCISE = "attention.MultiHeadAttention"

import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        if d_model % n_heads:
            raise ValueError(f"d_model={d_model} is not a multiple of n_heads={n_heads}")
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None

    def _heads(self, t):
        B, T, _ = t.shape
        return t.reshape(B, T, self.n_heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = (self._heads(t) for t in self.qkv(x).chunk(3, dim=-1))
        scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(self.head_dim)
        if self.causal:
            allowed = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
            scores = scores.masked_fill(~allowed, float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        self.last_attention = weights.detach()
        y = torch.einsum("bhqk,bhkd->bhqd", self.dropout(weights), v)
        y = y.permute(0, 2, 1, 3).reshape(B, T, C)
        return self.proj(y)
