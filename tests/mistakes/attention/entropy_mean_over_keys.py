"""Averages w ln w over the keys, dividing every row's entropy by T_k."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "w ln w averaged over the keys instead of summed"

import torch


def attention_entropy(weights):
    return -torch.special.xlogy(weights, weights).mean(-1).mean(-1)
