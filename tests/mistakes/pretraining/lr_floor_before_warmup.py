"""Returns min_lr for step >= max_steps before looking at warm-up: right whenever max_steps > warmup,
but with max_steps < warmup the last warm-up steps drop to min_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "min_lr tested before warm-up"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step >= max_steps:
        return min_lr
    if step < warmup:
        return max_lr * (step + 1) / warmup
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
