"""Splits the heads with unflatten + movedim and merges them with movedim + flatten: the same
(B, n_heads, T, head_dim) layout as view + transpose; qkv split with chunk."""

EXERCISE = "attention.MultiHeadAttention"

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
        T = x.size(1)
        heads = [z.unflatten(-1, (self.n_heads, -1)).movedim(2, 1) for z in self.qkv(x).chunk(3, dim=-1)]
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(*heads, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ heads[2]
        return self.proj(y.movedim(1, 2).flatten(2))
