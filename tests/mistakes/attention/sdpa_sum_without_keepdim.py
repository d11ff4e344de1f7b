"""A stable hand-written softmax that divides by e.sum(dim=-1) without keepdim=True."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "hand-written softmax divides by e.sum(dim=-1) without keepdim=True: the row sums lose their axis"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    e = torch.exp(scores - scores.max(dim=-1, keepdim=True).values)
    weights = e / e.sum(dim=-1)
    return weights @ v, weights
