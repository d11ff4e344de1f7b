"""Names the role when its share is at least 0.5 (>=), not above it."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "threshold is inclusive (>= 0.5); a head with exactly half its weight on one key is not above 0.5 and should be broad"
NAMED_BY = r">= ?0\.5|inclusive|exactly (0\.5|half)|above 0\.5|strictly|at least 0\.5"

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
    for role, share in shares.items():
        if share >= 0.5:
            return role
    return "broad"
