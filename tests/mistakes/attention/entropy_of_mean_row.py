"""Averages the rows first and takes the entropy of that average row."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "entropy of the average row instead of the average of the rows' entropies"

import math

import torch


def attention_entropy(weights):
    mean_row = weights.mean(dim=-2)
    return -torch.special.xlogy(mean_row, mean_row).sum(-1)
