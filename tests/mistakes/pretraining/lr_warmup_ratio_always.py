"""Computes the warm-up rate on every step, before asking whether it warms up: warmup = 0 divides by zero."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "warmup = 0 divides by zero"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    warm = max_lr * (step + 1) / warmup
    if step < warmup:
        return warm
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
