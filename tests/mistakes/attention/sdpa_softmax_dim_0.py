"""Softmax over dim=0: the queries of a 2-D score matrix, a batch dim once there are batch dims."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "softmax over dim=0, the first axis"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=0)
    return weights @ v, weights
