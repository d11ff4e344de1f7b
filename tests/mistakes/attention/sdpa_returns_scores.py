"""Computes out right but returns the scores, not the softmax weights, as the second value."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "returns the scores as the weights"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, scores
