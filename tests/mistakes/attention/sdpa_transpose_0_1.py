"""Transposes k with k.transpose(0, 1), right for (T_k, d_k) only."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "k transposed with k.T (or k.t(), k.transpose(0, 1))"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(0, 1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
