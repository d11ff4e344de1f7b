"""The complement of the strict upper triangle."""

EXERCISE = "attention.causal_mask"

import torch


def causal_mask(T, device=None):
    upper = torch.triu(torch.ones((T, T), dtype=torch.bool, device=device), diagonal=1)
    return ~upper
