"""Returns the labels spelt as identifiers: "previous_token" and "first_token"."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "labels are not the exact strings of the contract (underscore instead of hyphen)"
NAMED_BY = r"underscore|hyphen|spell|label|should return one of"

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    t = torch.arange(2, T)
    if mean[t, t - 1].mean() > 0.5:
        return "previous_token"
    if mean[t, 0].mean() > 0.5:
        return "first_token"
    if mean[t, t].mean() > 0.5:
        return "self"
    return "broad"
