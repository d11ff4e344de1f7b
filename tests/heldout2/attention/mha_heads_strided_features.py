"""Views each of q, k, v as (B, T, head_dim, n_heads) and permutes the head axis forward, so head h
gets every n_heads-th feature instead of a contiguous block of head_dim features: the learner mixes
up which factor of d_model comes first."""

EXERCISE = "attention.MultiHeadAttention"
MISCONCEPTION = "splits d_model into heads in the wrong order: head h takes features h, h + n_heads, ... instead of a contiguous block"
NAMED_BY = r"head split|split(s|ting)? .*into heads|heads? (take|get|gets)|features|contiguous block|permut|transpos|wrong heads"

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        assert d_model % n_heads == 0
        self.d_model = d_model
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
        q, k, v = (t.reshape(B, T, hd, self.n_heads).permute(0, 3, 1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        _, w = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        self.last_attention = w.detach()
        out = self.dropout(w) @ v
        out = out.permute(0, 2, 3, 1).reshape(B, T, C)
        return self.proj(out)
