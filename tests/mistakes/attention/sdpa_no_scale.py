"""Forgets the 1/√d_k: scores grow with d_k and the softmax saturates."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "scores are not divided by √d_k"

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)  # (..., T_q, T_k)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
