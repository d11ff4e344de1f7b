"""Counts the cosine's progress from step 0 instead of from the end of warm-up."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "the cosine counts from step 0"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = step / max_steps
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
