"""Multiplies the weights by the mask after the softmax, so rows no longer sum to 1."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "mask applied after softmax: masked weights zeroed, rows no longer sum to 1"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    weights = torch.softmax(scores, dim=-1)
    if mask is not None:
        weights = weights * mask  # hide the keys we may not see
    return weights @ v, weights
