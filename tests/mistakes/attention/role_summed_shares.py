"""Sums the weights over the rows instead of averaging them."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "shares summed over the rows instead of averaged"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    shares = {
        "previous-token": mean[t, t - 1].sum(),
        "first-token": mean[t, 0].sum(),
        "self": mean[t, t].sum(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
