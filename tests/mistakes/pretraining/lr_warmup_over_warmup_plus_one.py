"""Warm-up divides by warmup + 1 (as nanoGPT does): max_lr is never reached during warm-up."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "warm-up divides by warmup + 1"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / (warmup + 1)
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
