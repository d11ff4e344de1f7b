"""Divides by ln T_k to get a number in [0, 1], which the docstring leaves out."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "divided by ln T_k"

import math

import torch


def attention_entropy(weights):
    H = -torch.special.xlogy(weights, weights).sum(-1).mean(-1)
    return H / math.log(weights.size(-1))
