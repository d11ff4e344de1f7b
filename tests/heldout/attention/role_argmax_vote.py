"""Lets the rows vote: a role wins when most rows t = 2..T-1 put their largest weight on its key."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "counts the share of rows whose argmax is the role's key instead of the mean weight on that key; a head with 0.4 on key t-1 and the rest spread out is labelled previous-token"
NAMED_BY = r"argmax|vote|majority|mean weight|average weight|largest weight|most rows|share of rows"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    best = mean[t].argmax(dim=-1)
    votes = {
        "previous-token": (best == t - 1).float().mean(),
        "first-token": (best == 0).float().mean(),
        "self": (best == t).float().mean(),
    }
    for role, share in votes.items():
        if share > 0.5:
            return role
    return "broad"
