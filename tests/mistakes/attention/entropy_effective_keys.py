"""Returns e^H, the effective number of keys, instead of H."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "returns e^H, the effective number of keys"

import math

import torch


def attention_entropy(weights):
    return (-torch.special.xlogy(weights, weights).sum(-1)).mean(-1).exp()
