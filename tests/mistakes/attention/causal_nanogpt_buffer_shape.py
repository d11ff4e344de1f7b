"""Returns the mask viewed as (1, 1, T, T), the way nanoGPT registers its bias buffer."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "shaped (1, 1, T, T) like nanoGPT's buffer"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T, dtype=torch.bool, device=device)).view(1, 1, T, T)
