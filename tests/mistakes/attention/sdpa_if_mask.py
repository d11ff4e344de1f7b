"""Tests the mask with `if mask:`, which asks a whole bool tensor for one truth value."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "`if mask:` asks for the truth of a whole tensor"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
