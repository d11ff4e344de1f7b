"""Writes the square root as d_k ** 1/2, which Python reads as (d_k ** 1) / 2."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "scores divided by d_k / 2: `d_k ** 1/2` is (d_k ** 1) / 2"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.size(-1)
    scores = q @ k.transpose(-2, -1) / (d_k ** 1/2)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
