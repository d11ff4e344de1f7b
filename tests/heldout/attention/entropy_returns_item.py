"""Ends with .item() to return a number: one map works, a batch of maps raises."""

EXERCISE = "attention.attention_entropy"
MISCONCEPTION = "returns a Python float via .item(): no tensor of shape (...), and it fails for more than one map"
NAMED_BY = r"\.item\(\)|python (float|number)|scalar|should be a (torch\.)?tensor"

import torch


def attention_entropy(weights):
    H = -torch.special.xlogy(weights, weights).sum(dim=-1)
    return H.mean(dim=-1).item()
