"""Reads the mask as "True = hidden" (PyTorch's own attn_mask convention for bool masks in nn.MultiheadAttention)."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "mask inverted: True means *may* attend"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
