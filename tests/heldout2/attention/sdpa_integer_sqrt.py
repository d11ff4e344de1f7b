"""Takes the square root with math.isqrt because d_k is an int: isqrt rounds down, so d_k = 2 scales
by 1 and d_k = 8 by 2 instead of 2.83. Only perfect squares come out right."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "scale by math.isqrt(d_k), the integer square root, instead of sqrt(d_k)"
NAMED_BY = r"scal|√|sqrt|isqrt|d_k"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.isqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
