"""Scales the queries in place (q /= sqrt(d_k)) to save a tensor: the caller's q is changed, and
a q that requires grad (a leaf, or a view from split) makes autograd raise."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "divides q in place, modifying the caller's tensor (and breaking autograd on leaves and split views)"
NAMED_BY = r"in[- ]place|modif|mutat|changes? (the |its )?(input|caller|q\b)|q (is|was) changed|leaf"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    q /= math.sqrt(q.size(-1))
    scores = q @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
