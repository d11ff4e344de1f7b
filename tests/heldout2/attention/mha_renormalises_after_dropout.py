"""Divides the dropped-out weights by their row sums so that "every row still sums to 1": that
undoes dropout's 1/(1-p) rescaling and turns it into a different operation (in eval mode nothing
changes, so it only shows while training)."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "renormalises the attention weights after dropout so rows sum to 1 again"
NAMED_BY = r"dropout|renormal|rows? sum|training mode|1 ?/ ?\(1 ?- ?p\)"

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        assert d_model % n_heads == 0
        self.n_heads = n_heads
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None

    def forward(self, x):
        B, T, C = x.shape
        hd = C // self.n_heads
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.reshape(B, T, self.n_heads, hd).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        _, w = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        self.last_attention = w.detach()
        dropped = self.dropout(w)
        dropped = dropped / dropped.sum(dim=-1, keepdim=True).clamp_min(1e-12)
        out = dropped @ v
        out = out.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(out)
