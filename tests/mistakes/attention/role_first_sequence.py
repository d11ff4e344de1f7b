"""Labels the head from the first sequence of the batch instead of the average over all of them."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "role taken from the first sequence only"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T)[0]
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
