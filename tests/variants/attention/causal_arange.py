"""Compares row and column indices instead of taking a triangle."""

EXERCISE = "attention.causal_mask"

import torch


def causal_mask(T, device=None):
    rows = torch.arange(T, device=device).unsqueeze(1)
    cols = torch.arange(T, device=device).unsqueeze(0)
    return rows >= cols
