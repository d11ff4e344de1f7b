"""Uses log_softmax (as for a loss) where the weights must be probabilities."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "weights are log-probabilities (log_softmax)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.log_softmax(scores, dim=-1)
    return weights @ v, weights
