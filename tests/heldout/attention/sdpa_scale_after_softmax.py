"""Divides by √d_k after the softmax instead of before it."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "the 1/sqrt(d_k) scaling is applied to the weights after the softmax, so rows no longer sum to 1 and the scores are unscaled"
NAMED_BY = r"after (the )?softmax|rows? (do not|don't|no longer|must) sum to 1|scal\w* (applied )?after"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1) / math.sqrt(q.size(-1))
    return weights @ v, weights
