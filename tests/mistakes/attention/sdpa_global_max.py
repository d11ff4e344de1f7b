"""A hand-written softmax shifted by scores.max(), one maximum for every row: rows far below it underflow."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "one maximum for the whole tensor subtracted before exp"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    e = torch.exp(scores - scores.max())
    weights = e / e.sum(dim=-1, keepdim=True)
    return weights @ v, weights
