"""Reads the stripe just above the diagonal (key t + 1) for the previous token; under a causal mask it is always 0."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "previous-token read above the diagonal"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    shares = {
        "previous-token": torch.diagonal(mean, offset=1)[2:].mean(),
        "first-token": mean[t, 0].mean(),
        "self": mean[t, t].mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
