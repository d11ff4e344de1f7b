"""Computes the output from the unmasked softmax, then masks only the weights it returns."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "the output is computed from weights before the mask is applied: out ignores the mask while the returned weights respect it"
NAMED_BY = r"out(put)? (ignores|does not use|without) the mask|not applied to (the )?out|unmasked weights|before (the )?mask(ing)?|(weights and out(put)?|out(put)? and weights) (disagree|do not match|inconsistent)"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    out = torch.softmax(scores, dim=-1) @ v
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return out, weights
