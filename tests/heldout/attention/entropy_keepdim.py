"""Keeps the reduced dims (keepdim=True) at both steps, returning (..., 1, 1)."""

EXERCISE = "attention.attention_entropy"
MISCONCEPTION = "reductions keep their dims, so the result has shape (..., 1, 1) instead of (...)"
NAMED_BY = r"keepdim|has shape|extra dim"

import torch


def attention_entropy(weights):
    H = -torch.special.xlogy(weights, weights).sum(dim=-1, keepdim=True)
    return H.mean(dim=-2, keepdim=True)
