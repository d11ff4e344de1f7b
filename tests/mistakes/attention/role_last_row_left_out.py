"""Stops the rows one early, at T - 2."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "last row left out (rows 2..T-2)"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T - 1)
    shares = {
        "previous-token": mean[t, t - 1].mean(),
        "first-token": mean[t, 0].mean(),
        "self": mean[t, t].mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
