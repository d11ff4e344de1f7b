"""Flattens the leading dims by reshaping to (T, T, -1) and averaging the last axis, thinking the
batch can go at the end: reshape does not move axes, so for more than one map the "average" mixes
entries of different rows and columns."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "averages maps with reshape(T, T, -1).mean(-1), which scrambles the entries instead of averaging over the leading dims"
NAMED_BY = r"leading dims?|reshape|over (the )?sequences|over every leading|batch|scrambl"

import torch


def head_role(weights):
    T = weights.shape[-1]
    m = weights.reshape(T, T, -1).mean(dim=-1)
    t = torch.arange(2, T)
    previous = m[t, t - 1].mean().item()
    first = m[t, 0].mean().item()
    self_ = m[t, t].mean().item()
    if previous > 0.5:
        return "previous-token"
    if first > 0.5:
        return "first-token"
    if self_ > 0.5:
        return "self"
    return "broad"
