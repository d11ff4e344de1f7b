"""Keeps the upper triangle: row t then sees positions t..T-1, the future."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "upper triangle: that lets tokens see the future"

import torch


def causal_mask(T, device=None):
    return torch.ones(T, T, dtype=torch.bool, device=device).triu()
