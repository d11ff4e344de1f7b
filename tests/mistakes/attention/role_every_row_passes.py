"""Gives a role only when every row puts more than half its weight there."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "a role given only when every row passes 0.5"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    shares = {
        "previous-token": mean[t, t - 1].min(),
        "first-token": mean[t, 0].min(),
        "self": mean[t, t].min(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
