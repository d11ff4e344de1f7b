"""Keeps following the cosine after max_steps, where it rises again."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "after max_steps the cosine turns back up"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
