"""Returns the mask as (1, 1, T, T), ready to broadcast over (B, heads), as nanoGPT keeps its buffer."""

EXERCISE = "attention.causal_mask"
MISCONCEPTION = "returns shape (1, 1, T, T) instead of the promised (T, T)"
NAMED_BY = r"has shape \(1, 1|extra (leading )?dim|unsqueeze|view\(1, 1"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T, dtype=torch.bool, device=device)).view(1, 1, T, T)
