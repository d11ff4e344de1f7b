"""Forgets min_lr: the cosine ends at 0."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "decays to 0, not to min_lr"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return 0.0
    progress = (step - warmup) / (max_steps - warmup)
    return 0.5 * (1.0 + math.cos(math.pi * progress)) * max_lr
