"""Adds up the rows' entropies instead of averaging them, so longer maps score higher."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "row entropies summed over the queries instead of averaged"

import torch


def attention_entropy(weights):
    return -torch.special.xlogy(weights, weights).sum(-1).sum(-1)
