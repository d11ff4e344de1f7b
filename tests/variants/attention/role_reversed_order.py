"""Tests the roles in another order (self first) and computes the shares with diagonals: at most one
role can pass 0.5, so the order never matters."""

EXERCISE = "attention.head_role"

import torch


def head_role(weights):
    T = weights.shape[-1]
    mean = weights.reshape(-1, T, T).mean(dim=0)
    self_share = torch.diagonal(mean)[2:].mean()
    first_share = mean[2:, 0].mean()
    previous_share = torch.diagonal(mean, offset=-1)[1:].mean()
    for role, share in (("self", self_share), ("first-token", first_share), ("previous-token", previous_share)):
        if share.item() > 0.5:
            return role
    return "broad"
