"""Returns the mask of the future (True above the diagonal), as many tutorials build it for masked_fill."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "True and False swapped: True means *may* attend"

import torch


def causal_mask(T, device=None):
    return torch.triu(torch.ones(T, T, device=device), diagonal=1).bool()
