"""Heads folded into the batch dimension (B * n_heads, T, head_dim) and one torch.bmm each way."""

EXERCISE = "attention.MultiHeadAttention"

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
        H = self.n_heads
        hd = C // H
        q, k, v = self.qkv(x).split([C, C, C], dim=2)

        def fold(t):  # (B, T, C) -> (B * H, T, hd)
            return t.view(B, T, H, hd).transpose(1, 2).reshape(B * H, T, hd)

        q, k, v = fold(q), fold(k), fold(v)
        scores = torch.bmm(q, k.transpose(1, 2)) * (1.0 / math.sqrt(hd))  # (B * H, T, T)
        if self.causal:
            future = torch.triu(torch.ones(T, T, dtype=torch.bool, device=x.device), 1)
            scores = scores.masked_fill(future, float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        self.last_attention = weights.view(B, H, T, T).detach()
        y = torch.bmm(self.dropout(weights), v)  # (B * H, T, hd)
        y = y.view(B, H, T, hd).transpose(1, 2).reshape(B, T, C)
        return self.proj(y)
