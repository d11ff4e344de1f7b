"""Indexes rows and columns one after the other (m[t][:, t - 1]), which takes the whole
(T-2, T-2) block of those rows and columns instead of the paired entries (t, t - 1): the classic
chained-indexing slip with advanced indexing."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "chained indexing m[t][:, cols] averages a block of rows x columns instead of the paired entries (t, t-1), (t, 0), (t, t)"
NAMED_BY = r"pair|block of|paired entries|advanced index|chained index"

import torch


def head_role(weights):
    T = weights.shape[-1]
    m = weights.reshape(-1, T, T).mean(dim=0)
    t = torch.arange(2, T)
    rows = m[t]
    previous = rows[:, t - 1].mean().item()
    first = rows[:, 0].mean().item()
    self_ = rows[:, t].mean().item()
    if previous > 0.5:
        return "previous-token"
    if first > 0.5:
        return "first-token"
    if self_ > 0.5:
        return "self"
    return "broad"
