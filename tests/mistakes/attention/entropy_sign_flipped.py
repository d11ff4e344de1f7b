"""Forgets the minus sign: Σ w ln w is never positive."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "sign flipped: the entropy is -Σ w ln w"

import torch


def attention_entropy(weights):
    return torch.special.xlogy(weights, weights).sum(-1).mean(-1)
