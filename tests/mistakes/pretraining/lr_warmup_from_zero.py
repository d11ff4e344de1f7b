"""Warm-up as max_lr · step / warmup: the first step trains at a rate of 0."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "warm-up is off by one"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * step / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
