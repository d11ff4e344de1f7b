"""Labels every sequence on its own and returns the most common label."""

EXERCISE = "attention.head_role"
DIAGNOSIS = "each sequence labelled and the most common label taken"

import torch


def head_role(weights):
    T = weights.size(-1)
    labels = []
    for one in weights.reshape(-1, T, T):
        t = torch.arange(2, T)
        shares = {"previous-token": one[t, t - 1].mean(), "first-token": one[t, 0].mean(), "self": one[t, t].mean()}
        best = max(shares, key=shares.get)
        labels.append(best if shares[best] > 0.5 else "broad")
    return max(set(labels), key=labels.count)
