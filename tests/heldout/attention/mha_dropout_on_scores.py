"""Writes the attention inline and applies dropout to the raw scores before the softmax."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "dropout on the pre-softmax scores: a dropped score becomes 0 (exp(0) = 1 weight), not a dropped attention weight"
NAMED_BY = r"dropout.{0,50}(scores|before (the )?softmax|pre.?softmax|logits)|(scores|softmax).{0,30}dropout|dropout on the (attention )?weights"

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
        scores = self.dropout(q @ k.transpose(-2, -1) / math.sqrt(C // self.n_heads))
        if self.causal:
            scores = scores.masked_fill(~causal_mask(T, device=x.device), float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        self.last_attention = weights.detach()
        y = weights @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)
