"""Builds the staircase from integer ones: right pattern, dtype int64 instead of bool."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "the right pattern, but as 0/1 numbers: the docstring promises a bool tensor"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T, dtype=torch.long, device=device))
