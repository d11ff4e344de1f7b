"""Averages over the batch and head dims as well, returning one number instead of one per map."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "averaged over the leading dims too"

import torch


def attention_entropy(weights):
    return -torch.special.xlogy(weights, weights).sum(-1).mean()
