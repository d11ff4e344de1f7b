"""Fills masked scores with 0: exp(0) = 1, so masked keys still get weight."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "masked scores filled with 0 instead of -inf, so masked keys still get weight"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, 0)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
