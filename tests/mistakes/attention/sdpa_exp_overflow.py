"""A hand-written softmax, exp(s) / Σ exp(s), with no shift: exp(100) is inf in float32."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "softmax without subtracting the maximum"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    e = torch.exp(scores)
    weights = e / e.sum(dim=-1, keepdim=True)
    return weights @ v, weights
