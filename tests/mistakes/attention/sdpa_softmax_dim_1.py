"""Softmax over dim=1: right for a 2-D (T_q, T_k) score matrix, the query axis once there is a batch dim."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "softmax over dim=1, a fixed axis"

import math

import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = F.softmax(scores, dim=1)
    return weights @ v, weights
