"""Transposes k with k.transpose(1, 2), written for (B, T, d) inputs."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "k transposed with k.transpose(1, 2), fixed dims"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(1, 2) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
