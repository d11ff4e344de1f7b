"""Adds log(mask) to the scores: log 1 = 0 keeps a score, log 0 = -inf hides it, which is the -inf
fill written as an addition; the softmax is taken in float64 and cast back, which only rounds."""

EXERCISE = "attention.scaled_dot_product_attention"

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.size(-1)
    scores = torch.einsum("...qd,...kd->...qk", q, k) / d_k ** 0.5
    if mask is not None:
        scores = scores + mask.to(scores.dtype).log()
    weights = torch.softmax(scores.double(), dim=-1).to(q.dtype)
    return weights @ v, weights
