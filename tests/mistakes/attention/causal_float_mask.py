"""Returns the 0/1 float tensor straight from tril, not a bool mask."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "has dtype torch.float32, expected torch.bool"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T, device=device))
