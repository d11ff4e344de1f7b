"""Divides the scores by d_k instead of √d_k."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "scores divided by d_k instead of √d_k"

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.shape[-1]
    scores = q @ k.transpose(-2, -1) / d_k
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
