"""Detaches the softmax weights ("they are returned for plotting") and then multiplies the detached
weights by v: the output no longer carries any gradient back to q and k, so nothing upstream of
the scores can learn."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "weights detached before computing out, so no gradient reaches q and k"
NAMED_BY = r"detach|no gradient|gradients? (do not|don't|never) reach|differentiab|grad_fn"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1).detach()
    return weights @ v, weights
