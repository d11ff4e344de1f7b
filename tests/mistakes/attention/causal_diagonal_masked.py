"""Keeps the strict lower triangle (tril with diagonal=-1): a token cannot see itself."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "diagonal masked out: a token must see itself (use tril with diagonal=0)"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T, dtype=torch.bool, device=device), diagonal=-1)
