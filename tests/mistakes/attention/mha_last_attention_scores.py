"""Keeps the masked scores, before the softmax, as self.last_attention."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "self.last_attention holds the scores, before the softmax"

import math

import torch


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(C // self.n_heads)
        if self.causal:
            scores = scores.masked_fill(~torch.ones(T, T, dtype=torch.bool, device=x.device).tril(), float("-inf"))
        self.last_attention = scores.detach()
        weights = torch.softmax(scores, dim=-1)
        y = self.dropout(weights) @ v
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
