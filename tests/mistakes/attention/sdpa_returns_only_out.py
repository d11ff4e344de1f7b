"""Returns the output alone, dropping the weights the contract asks for."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "returns only the output, not (out, weights)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
