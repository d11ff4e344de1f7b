"""Transposes the map, treating rows as keys and columns as queries."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "rows and columns swapped"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0).T
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
