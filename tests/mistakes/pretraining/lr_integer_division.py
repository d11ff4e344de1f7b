"""Warm-up with integer division: (step + 1) // warmup is 0 until the last warm-up step."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "integer division in the warm-up"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * ((step + 1) // warmup)
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
