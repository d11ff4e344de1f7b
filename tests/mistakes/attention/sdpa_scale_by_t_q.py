"""Scales by q.size(-2), the number of queries, taking the second-to-last dim for the width."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "scores divided by √T_q (q.size(-2)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-2))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
