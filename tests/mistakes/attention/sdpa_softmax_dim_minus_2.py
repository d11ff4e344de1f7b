"""Normalises each key's column (dim=-2) instead of each query's row."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "softmax over the wrong axis (queries, dim=-2, instead of keys, dim=-1)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = scores.softmax(dim=-2)
    return torch.matmul(weights, v), weights
