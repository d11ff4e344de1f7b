"""Hides masked scores with boolean indexing, scores[~mask] = -inf, which needs the mask to have the scores' exact shape."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "boolean-index assignment does not broadcast: a (T_q, T_k) mask on batched (..., T_q, T_k) scores raises instead of broadcasting"
NAMED_BY = r"broadcast|boolean.index|index\w* with the mask|masked_fill"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores[~mask] = float("-inf")
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
