"""Averages the rows' entropies with .mean(0): right for one (T_q, T_k) map, the batch axis once there are leading dims."""

EXERCISE = "attention.attention_entropy"
MISCONCEPTION = "the mean over queries is taken over dim 0 instead of the last remaining axis; with leading (B, heads) dims it averages the batch"
NAMED_BY = r"(mean|averag\w*) over (the )?(batch|dim 0|first dim|leading)|dim ?=? ?0|mean\(0\)|wrong axis|leading dims"

import torch


def attention_entropy(weights):
    H = -torch.special.xlogy(weights, weights).sum(dim=-1)
    return H.mean(0)
