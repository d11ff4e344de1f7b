"""Attention: scaled dot-product attention, the causal mask, multi-head attention."""

import math

import torch
import torch.nn as nn


def scaled_dot_product_attention(q, k, v, mask=None):
    """Attend from each query to all keys: softmax(q kᵀ / √d_k) v.

    q: (..., T_q, d_k)   k: (..., T_k, d_k)   v: (..., T_k, d_v)
    mask: optional bool tensor broadcastable to (..., T_q, T_k); True = may attend.
    Returns (out, weights): out (..., T_q, d_v), weights (..., T_q, T_k), rows sum to 1.

    Example, one query and two keys with d_k = 1:
        q = [[2.]], k = [[1.], [0.]], v = [[10.], [20.]]
        scores = q kᵀ / √1 = [[2., 0.]]
        weights = softmax(scores) = [[0.881, 0.119]]
        out = weights v = [[11.19]]
    With mask = [[False, True]] the first key is hidden: weights = [[0., 1.]], out = [[20.]].

    Leaves out: dropout (MultiHeadAttention applies it) and rows with every key masked.
    """
    d_k = q.size(-1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_k)  # (..., T_q, T_k)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)  # (..., T_q, T_k)
    return weights @ v, weights  # (..., T_q, d_v)


def causal_mask(T, device=None):
    """The mask that lets position t attend to positions 0..t, itself included.

    Returns a bool tensor (T, T) on `device`: True on and below the diagonal.

    Example, T = 3:
        [[ True, False, False],
         [ True,  True, False],
         [ True,  True,  True]]
    """
    return torch.ones(T, T, dtype=torch.bool, device=device).tril()


class MultiHeadAttention(nn.Module):
    """n_heads attention heads of size d_model / n_heads, computed in parallel.

    Parameters, named so the grader can load the reference's weights into yours:
        self.qkv  = nn.Linear(d_model, 3 * d_model)  # q, k, v concatenated in that order
        self.proj = nn.Linear(d_model, d_model)      # mixes the heads' outputs
        self.dropout = nn.Dropout(dropout)           # on the attention weights
    After every forward, self.last_attention holds the weights (B, n_heads, T, T), detached.

    forward(x): x (B, T, d_model) -> y (B, T, d_model). With causal=True position t only
    sees positions <= t. No Python loop over heads: reshape to (B, n_heads, T, head_dim)
    and let one batched matmul do every head.

    Example: MultiHeadAttention(d_model=8, n_heads=2)(torch.randn(1, 5, 8)).shape
        -> torch.Size([1, 5, 8]); .last_attention.shape -> torch.Size([1, 2, 5, 5])
    """

    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__()
        assert d_model % n_heads == 0, "d_model must be divisible by n_heads"
        self.n_heads = n_heads
        self.causal = causal
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.last_attention = None

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)  # each (B, T, C)
        # (B, T, C) -> (B, T, n_heads, head_dim) -> (B, n_heads, T, head_dim)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)  # (B, n_heads, T, T)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v  # (B, n_heads, T, head_dim)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # heads side by side again
        return self.proj(y)
