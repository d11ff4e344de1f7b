"""Uses torch.cos and returns a tensor."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "returns a tensor"

import math

import torch


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return torch.tensor(max_lr * (step + 1) / warmup)
    if step >= max_steps:
        return torch.tensor(min_lr)
    progress = torch.tensor((step - warmup) / (max_steps - warmup))
    return min_lr + 0.5 * (1.0 + torch.cos(math.pi * progress)) * (max_lr - min_lr)
