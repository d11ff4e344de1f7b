"""Reads d_k as k.size(1): the feature axis of a 2-D (T_k, d_k) key, the sequence axis once there is a batch dim."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "d_k taken from a fixed axis (k.size(1)); with batch dims that is T_k, so the scores are scaled by sqrt(T_k)"
NAMED_BY = r"√ ?T_k|sqrt\(T_k\)|sequence length|k\.size\(1\)|wrong axis for d_k|d_k (read|taken) from|scal\w* by .{0,30}(T_k|length)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = k.size(1)
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d_k)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights
