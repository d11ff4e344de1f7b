"""exp(scores) / exp(scores).sum(-1): no shift and no keepdim=True."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "hand-written softmax divides by e.sum(dim=-1) without keepdim=True (and without subtracting the maximum)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.exp(scores) / torch.exp(scores).sum(-1)
    return weights @ v, weights
