"""Averages whole diagonals and the whole first column, rows 0 and 1 included, where the three keys coincide."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "rows 0 and 1 counted"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    shares = {
        "previous-token": torch.diagonal(mean, offset=-1).mean(),
        "first-token": mean[:, 0].mean(),
        "self": torch.diagonal(mean).mean(),
    }
    for role, share in shares.items():
        if share > 0.5:
            return role
    return "broad"
