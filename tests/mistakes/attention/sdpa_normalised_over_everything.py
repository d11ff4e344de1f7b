"""Normalises exp(scores) by its sum over the whole tensor, so only the total is 1."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "softmax normalised over the whole tensor (e / e.sum())"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    e = scores.exp()
    weights = e / e.sum()
    return weights @ v, weights
