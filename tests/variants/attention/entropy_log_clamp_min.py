"""-Σ w · log(max(w, tiny)) with the smallest positive float32: a zero weight gives 0 · finite = 0, and
sum then mean with keepdim=False, as the docstring's steps."""

EXERCISE = "attention.attention_entropy"

import torch


def attention_entropy(weights):
    tiny = torch.finfo(weights.dtype).tiny
    row_entropy = -(weights * torch.log(torch.clamp(weights, min=tiny))).sum(dim=-1)
    return row_entropy.mean(dim=-1)
