"""Starts the rows at 1, leaving out only row 0."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "row 1 counted (rows from 1)"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(1, T)
    shares = {
        "previous-token": mean[t, t - 1].mean(),
        "first-token": mean[t, 0].mean(),
        "self": mean[t, t].mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
