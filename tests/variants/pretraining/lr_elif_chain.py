"""One if/elif chain; the cosine factor computed as a separate coefficient."""

EXERCISE = "pretraining.lr_at"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        lr = max_lr * (step + 1) / warmup
    elif step < max_steps:
        ratio = (step - warmup) / (max_steps - warmup)
        coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
        lr = min_lr + coeff * (max_lr - min_lr)
    else:
        lr = min_lr
    return float(lr)
