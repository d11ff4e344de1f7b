"""A float lower triangle converted to bool at the end."""

EXERCISE = "attention.causal_mask"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T, device=device)).to(torch.bool)
