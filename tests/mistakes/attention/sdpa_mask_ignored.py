"""Accepts mask but never uses it."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "mask ignored: hidden keys still get weight"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
