"""Builds the mask on the CPU whatever device was asked for."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "device argument ignored: build the tensor with device=device"

import torch


def causal_mask(T, device=None):
    return torch.tril(torch.ones(T, T)).bool()
