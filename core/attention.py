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
    raise NotImplementedError


def causal_mask(T, device=None):
    """The mask that lets position t attend to positions 0..t, itself included.

    Returns a bool tensor (T, T) on `device`: True on and below the diagonal.

    Example, T = 3:
        [[ True, False, False],
         [ True,  True, False],
         [ True,  True,  True]]
    """
    raise NotImplementedError


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
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    """How strongly the last output depends on each input, for an RNN, a GRU and attention.

    After torch.manual_seed(seed), build in this order: nn.RNN(d, d, batch_first=True),
    nn.GRU(d, d, batch_first=True), MultiHeadAttention(d, n_heads=1) and x = torch.randn(1, T, d).
    For each model, y is its output (1, T, d) (an RNN returns (y, h): take y), the loss is
    L = y[0, T - 1].sum(), and the result is the gradient norm ‖∂L/∂x[0, t]‖ for every t.

    Returns {"rnn": Tensor (T,), "gru": Tensor (T,), "attention": Tensor (T,)}, indexed by
    position t; distance back from the last output is T - 1 - t.

    Example: with T = 32, d = 16 the RNN's entry at t = 0 is around 1e-8, attention's
    around 1e-2: thirty steps of recurrence shrink the gradient, one attention layer does not.
    """
    raise NotImplementedError
