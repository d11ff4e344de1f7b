"""step <= warmup: step warmup is still warm-up and overshoots max_lr."""

EXERCISE = "pretraining.lr_at"
DIAGNOSIS = "step = warmup still warms up"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step <= warmup and warmup > 0:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
