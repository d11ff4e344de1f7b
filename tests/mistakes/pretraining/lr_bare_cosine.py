"""Uses cos(π·r) without ½·(1 + ...): the rate ends at 2·min_lr - max_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "½·(1 + cos(π·r)) missing"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + math.cos(math.pi * progress) * (max_lr - min_lr)
