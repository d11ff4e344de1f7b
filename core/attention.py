"""Attention: scaled dot-product attention, the causal mask, multi-head attention, reading the weights."""

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
    After every forward, self.last_attention holds the weights (B, n_heads, T, T) as the softmax
    gave them (before dropout), detached.

    forward(x): x (B, T, d_model) -> y (B, T, d_model). With causal=True position t only
    sees positions <= t. No Python loop over heads: reshape to (B, n_heads, T, head_dim)
    and let one batched matmul do every head. It runs on the device of x and the
    weights (a GPU): a tensor it makes, such as the mask, is made there (device=x.device,
    or a buffer registered in __init__).

    Example: MultiHeadAttention(d_model=8, n_heads=2)(torch.randn(1, 5, 8)).shape
        -> torch.Size([1, 5, 8]); .last_attention.shape -> torch.Size([1, 2, 5, 5])
    """

    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError


def attention_entropy(weights):
    """How spread out attention is: the entropy of each row, in nats, averaged over the queries.

    weights: (..., T_q, T_k), every row a distribution over the keys (sums to 1; a masked
    key has weight exactly 0). Row i's entropy is H_i = -Σ_j w_ij ln w_ij, with 0 · ln 0 = 0:
    a key of weight 0 adds nothing. Returns the mean of H_i over the T_q rows, shape (...):
    one number per map, in nats (natural log).

    A one-hot row (one key gets everything) has H = 0; a row uniform over n keys has
    H = ln n, the most n keys allow.

    Example, a causal map with T = 3:
        weights = [[1.0, 0.0, 0.0],     H_0 = 0
                   [0.5, 0.5, 0.0],     H_1 = ln 2 = 0.693
                   [0.0, 0.0, 1.0]]     H_2 = 0
        attention_entropy(weights) -> tensor(0.2310), the mean of (0, 0.693, 0)

    Leaves out: normalising by ln(number of visible keys). Under a causal mask row 0 always
    scores 0 and row t at most ln(t + 1): compare a head with uniform causal attention of
    the same T, not with ln T.
    """
    raise NotImplementedError


def head_role(weights):
    """Name what a head does from its causal attention maps: "previous-token", "first-token",
    "self" or "broad".

    weights: (..., T, T), one head's maps for any number of sequences (last_attention[:, h]
    is (B, T, T)), T >= 3. First average the maps over every leading dim: the label
    describes the head, not one sequence. Then, over the rows t = 2..T-1, take the mean
    weight the average map puts on
        key t - 1, just below the diagonal  -> "previous-token"
        key 0, the first column             -> "first-token"
        key t, the diagonal                 -> "self"
    (rows 0 and 1 are left out: there key 0, key t - 1 and key t are not three different keys).
    The role whose mean weight is above 0.5 names the head; if none is, the head is "broad".
    In each row the three keys differ and the weights sum to 1, so at most one role can
    pass 0.5.

    Example, one map with T = 4:
        [[1.0, 0.0, 0.0, 0.0],
         [0.9, 0.1, 0.0, 0.0],
         [0.1, 0.8, 0.1, 0.0],     row 2: 0.8 on key 1 = t - 1
         [0.0, 0.1, 0.7, 0.2]]     row 3: 0.7 on key 2 = t - 1
        previous (0.8 + 0.7) / 2 = 0.75, first 0.05, self 0.15 -> "previous-token"

    Leaves out: heads whose target depends on the content, such as induction heads (attend
    to the token after an earlier copy of the current one): averaged over sequences their
    weight lands in different places, so they come out "broad".
    """
    raise NotImplementedError


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    """How strongly the last output depends on each input, for an RNN, a GRU and attention.

    After torch.manual_seed(seed), build in this order: nn.RNN(d, d, batch_first=True),
    nn.GRU(d, d, batch_first=True), MultiHeadAttention(d, n_heads=1) and x = torch.randn(1, T, d).
    For each model, y is its output (1, T, d) (an RNN returns (y, h): take y), the loss is
    L = y[0, T - 1].sum(), and the result is the gradient norm ‖∂L/∂x[0, t]‖ for every t.

    Returns {"rnn": Tensor (T,), "gru": Tensor (T,), "attention": Tensor (T,)}, indexed by
    position t; distance back from the last output is T - 1 - t.

    Example: with T = 32, d = 16 (seeds 0-2) the RNN's entry at t = 0 is 2e-11 to 2e-10,
    the GRU's 1e-7 to 4e-7, attention's 3e-2 to 5e-2: thirty steps of recurrence shrink the
    gradient, one attention layer does not.
    """
    raise NotImplementedError
