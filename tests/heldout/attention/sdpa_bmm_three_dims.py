"""Uses torch.bmm for both products: it only takes 3-D (batch, T, d) tensors."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "torch.bmm needs exactly one batch dim: 2-D inputs and (B, heads, T, d) inputs fail, though the contract allows any leading dims"
NAMED_BY = r"bmm|3-?D\b|three.dim|leading dims|any number of|torch\.matmul"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.bmm(q, k.transpose(1, 2)) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return torch.bmm(weights, v), weights
