"""Averages over dim=0, which is the queries only for a single 2-D map."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "averaged over dim=0, the first axis"

import math

import torch


def attention_entropy(weights):
    return -torch.special.xlogy(weights, weights).sum(dim=-1).mean(dim=0)
