"""Wraps PyTorch's own nn.MultiheadAttention instead of writing the heads."""

EXERCISE = "attention.MultiHeadAttention"
STATUS = "banned"
DIAGNOSIS = "nn.MultiheadAttention (torch.nn.MultiheadAttention) is not allowed in this exercise"

import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        self.causal = causal
        self.attn = nn.MultiheadAttention(d_model, n_heads, dropout=dropout, batch_first=True)
        self.last_attention = None

    def forward(self, x):
        T = x.size(1)
        mask = ~causal_mask(T, device=x.device) if self.causal else None
        y, weights = self.attn(x, x, x, attn_mask=mask, average_attn_weights=False)
        self.last_attention = weights.detach()
        return y
