"""Takes the softmax of the raw scores, then divides the weights by √d_k."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "weights divided by √d_k after the softmax instead of the scores before it"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1) / math.sqrt(q.size(-1))
    return weights @ v, weights
