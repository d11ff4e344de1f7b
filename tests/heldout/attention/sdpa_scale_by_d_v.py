"""Scales the scores by √d with d read from v (d = v.size(-1)), the width of the output."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "scales by sqrt(d_v) (the value width) instead of sqrt(d_k) (the query/key width); wrong whenever d_v != d_k"
NAMED_BY = r"√ ?d_v|sqrt\(d_v\)|d_v instead|value (width|size|dim)|scal\w* by .{0,20}(d_v|value)|v\.size"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d = v.size(-1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
