"""Transposes k with k.T, which reverses *every* dim: fine for 2-D inputs, a shape error with batch dims.

A twin that raises on the same cases names it.
"""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "k transposed with k.T (or k.t(), k.transpose(0, 1))"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.T / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
