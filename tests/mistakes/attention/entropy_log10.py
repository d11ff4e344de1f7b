"""Uses log10."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "entropy in log base 10"

import math

import torch


def attention_entropy(weights):
    return -(weights * torch.log10(weights.clamp_min(1e-12))).sum(-1).mean(-1)
