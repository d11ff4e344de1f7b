"""Sums w ln w down each column (over the queries) instead of along each row (over the keys)."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "entropy taken down the columns"

import torch


def attention_entropy(weights):
    return -torch.special.xlogy(weights, weights).sum(dim=-2).mean(dim=-1)
