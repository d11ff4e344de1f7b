"""Averages with weights.mean(0): fine for (B, T, T), but (B, heads, T, T) keeps a head axis."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "averages over the first leading dim only; with more leading dims the (T, T) indexing picks the wrong axes"
NAMED_BY = r"leading dims?|every leading|all leading|mean\(0\)|first (leading )?dim|reshape\(-1"

import torch


def head_role(weights):
    mean = weights.mean(0) if weights.dim() > 2 else weights
    T = weights.size(-1)
    t = torch.arange(2, T)
    shares = {
        "previous-token": mean[t, t - 1].mean(),
        "first-token": mean[t, 0].mean(),
        "self": mean[t, t].mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
