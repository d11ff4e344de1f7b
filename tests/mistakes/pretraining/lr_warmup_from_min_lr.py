"""Warm-up starts from min_lr: a line from min_lr to max_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "warm-up starts from min_lr"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return min_lr + (max_lr - min_lr) * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
