"""Warms up linearly from min_lr to max_lr."""

EXERCISE = "pretraining.lr_at"
MISCONCEPTION = "warm-up ramps from min_lr instead of being max_lr · (step + 1) / warmup"
NAMED_BY = r"warm.?up (starts|ramps|begins|rises) (at|from) min_lr|ramp\w* from min_lr|from min_lr|starts? at min_lr|min_lr \+"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return min_lr + (max_lr - min_lr) * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    r = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1 + math.cos(math.pi * r)) * (max_lr - min_lr)
