"""Computes the cosine's progress before checking max_steps: max_steps = warmup divides by zero."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "max_steps = warmup divides by zero"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    progress = (step - warmup) / (max_steps - warmup)
    if step >= max_steps:
        return min_lr
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
