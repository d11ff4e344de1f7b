"""One reshape to (3, B, n_heads, T, head_dim) instead of three views; reuses the file's
scaled_dot_product_attention and causal_mask."""

EXERCISE = "attention.MultiHeadAttention"

import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        self.d_model, self.n_heads, self.causal = d_model, n_heads, causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(p=dropout)
        self.last_attention = None

    def forward(self, x):
        batch, seq, width = x.shape
        head_dim = width // self.n_heads
        packed = self.qkv(x).reshape(batch, seq, 3, self.n_heads, head_dim).permute(2, 0, 3, 1, 4)
        queries, keys, values = packed[0], packed[1], packed[2]
        mask = causal_mask(seq, device=x.device) if self.causal else None
        _, attn = scaled_dot_product_attention(queries, keys, values, mask=mask)
        self.last_attention = attn.detach().clone()
        mixed = self.dropout(attn) @ values
        merged = mixed.transpose(1, 2).reshape(batch, seq, width)
        return self.proj(merged)
