"""max_lr and min_lr swapped in the cosine: it rises from min_lr to max_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "max_lr and min_lr swapped in the decay"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return max_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (min_lr - max_lr)
