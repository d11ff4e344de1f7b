"""The decay's progress divides by max_steps, not by the length of the decay."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "the decay's progress divides by max_steps"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / max_steps
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
