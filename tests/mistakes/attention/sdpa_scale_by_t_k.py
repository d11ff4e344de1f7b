"""Scales by the number of keys, k.size(-2), mistaking the sequence length for the key width."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "scores divided by √T_k (the number of keys) instead of √d_k"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(k.size(-2))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
