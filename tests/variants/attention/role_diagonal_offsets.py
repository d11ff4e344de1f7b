"""Reads the stripes with torch.diagonal (offset -1 below the diagonal) and the first column,
from row 2 on, and picks the largest share; averaged over the leading dims with flatten."""

EXERCISE = "attention.head_role"

import torch


def head_role(weights):
    average = weights.flatten(0, -3).mean(dim=0) if weights.dim() > 2 else weights
    shares = {
        "previous-token": torch.diagonal(average, offset=-1)[1:].mean(),
        "first-token": average[2:, 0].mean(),
        "self": torch.diagonal(average)[2:].mean(),
    }
    role = max(shares, key=lambda name: float(shares[name]))
    return role if float(shares[role]) > 0.5 else "broad"
