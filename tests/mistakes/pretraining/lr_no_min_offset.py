"""Forgets to add min_lr: the cosine spans max_lr - min_lr but ends at 0."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "min_lr not added to the cosine"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
