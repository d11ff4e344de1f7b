"""Writes the softmax by hand as exp(s) / Σ exp(s), without subtracting the row maximum."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "hand-written softmax without subtracting the max: large scores overflow exp to inf and the weights become NaN"
NAMED_BY = r"overflow|subtract\w* (the )?(row )?max|max(imum)? (is not |isn't )?subtracted|numerically (un)?stable|stability"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    e = torch.exp(scores)
    weights = e / e.sum(dim=-1, keepdim=True)
    return weights @ v, weights
