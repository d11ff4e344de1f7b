"""Scores and output with einsum instead of @, the mask applied with torch.where."""

EXERCISE = "attention.scaled_dot_product_attention"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scale = 1.0 / math.sqrt(q.shape[-1])
    scores = torch.einsum("...qd,...kd->...qk", q, k) * scale
    if mask is not None:
        scores = torch.where(mask, scores, torch.tensor(float("-inf"), dtype=scores.dtype, device=scores.device))
    weights = scores.softmax(dim=-1)
    out = torch.einsum("...qk,...kd->...qd", weights, v)
    return out, weights
