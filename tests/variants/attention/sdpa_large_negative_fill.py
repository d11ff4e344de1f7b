"""Fills masked scores with -1e9 instead of -inf: exp(-1e9 - max) is exactly 0 in float32, so masked
keys still get weight 0 and every visible weight is the reference's."""

EXERCISE = "attention.scaled_dot_product_attention"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.mT) * (1.0 / math.sqrt(q.shape[-1]))
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    weights = scores.softmax(dim=-1)
    return weights @ v, weights
