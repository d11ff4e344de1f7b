"""Keeps the triangle with diagonal=1, so every position also sees the token right after it."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "diagonal=1 lets each token see the next one too"

import torch


def causal_mask(T, device=None):
    return torch.ones(T, T, dtype=torch.bool, device=device).tril(diagonal=1)
