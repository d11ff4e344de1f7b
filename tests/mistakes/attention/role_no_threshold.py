"""Always returns the largest of the three shares, so a head with no clear pattern still gets a role."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "no 0.5 threshold"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    shares = {
        "previous-token": mean[t, t - 1].mean(),
        "first-token": mean[t, 0].mean(),
        "self": mean[t, t].mean(),
    }
    return max(shares, key=shares.get)
