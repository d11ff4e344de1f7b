"""Scales the cosine by max_lr, not by max_lr - min_lr: starts at max_lr + min_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "the cosine spans max_lr, not max_lr - min_lr"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * max_lr
