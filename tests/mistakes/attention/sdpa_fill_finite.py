"""Fills masked scores with -100 "as a big negative number": close, but masked keys keep a sliver of weight."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "masked scores filled with a finite value instead of -inf"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, -100.0)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
