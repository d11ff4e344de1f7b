"""Stores the weights as they come out of the softmax, without .detach()."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "self.last_attention keeps the autograd graph (requires_grad) instead of a detached copy, holding the whole graph alive"
NAMED_BY = r"detach|graph|requires_grad|grad_fn|autograd"

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
        self.last_attention = weights
        y = self.dropout(weights) @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)
