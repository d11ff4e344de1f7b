"""Reads the first token from row 0 (what query 0 looks at) instead of column 0 (how much every query looks at key 0)."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "first-token read from row 0"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    shares = {
        "previous-token": mean[t, t - 1].mean(),
        "first-token": mean[0, t].mean(),
        "self": mean[t, t].mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
