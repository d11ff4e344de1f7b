"""cos(r) where cos(pi r) is meant: the rate only falls to about 77 % of the way."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "cos(r) without π"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(progress)) * (max_lr - min_lr)
