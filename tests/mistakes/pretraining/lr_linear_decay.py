"""Decays linearly from max_lr to min_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "decays in a straight line"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return max_lr - progress * (max_lr - min_lr)
