"""Uses q.data and k.data for the scores: right numbers, but no gradient reaches q or k."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "computed outside autograd (numpy, .detach() or .data)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q.data @ k.data.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
