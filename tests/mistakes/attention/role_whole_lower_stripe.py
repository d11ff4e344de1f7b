"""Averages the whole stripe below the diagonal for previous-token, row 1 included."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "the whole stripe below the diagonal averaged"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    shares = {
        "previous-token": mean.diagonal(-1).mean(),
        "first-token": mean[t, 0].mean(),
        "self": mean[t, t].mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
