"""Computes the progress with //, so it stays 0 until max_steps."""

EXERCISE = "pretraining.lr_at"
MISCONCEPTION = "integer division makes r = 0 for the whole decay: the rate stays at max_lr and drops to min_lr only at max_steps"
NAMED_BY = r"integer division|//|floor|stays at max_lr|no decay|never decays|constant"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    r = (step - warmup) // (max_steps - warmup)
    return min_lr + 0.5 * (1 + math.cos(math.pi * r)) * (max_lr - min_lr)
