"""Clamps the scores to ±50 "so exp cannot overflow": no known mistake, so no name, only where it differs.

DIAGNOSIS starts at the verdict's headline: a named mistake would stand between "fail: " and it.
"""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "fail: weights [scores near ±100, q = [[10.], [-10.]], k = [[10.], [9.]]] differs from the reference at [0, 0]"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = (q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))).clamp(-50, 50)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
