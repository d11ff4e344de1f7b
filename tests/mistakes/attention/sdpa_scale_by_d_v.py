"""Scales by the size of the values, v.size(-1): the same as d_k only while d_v = d_k."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "scores divided by √d_v (v.size(-1)) instead of √d_k"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(v.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
