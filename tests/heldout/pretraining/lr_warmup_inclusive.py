"""Warms up while step <= warmup, so step = warmup gets max_lr · (warmup + 1) / warmup."""

EXERCISE = "pretraining.lr_at"
MISCONCEPTION = "off by one at the end of warm-up: step == warmup is still treated as warm-up and overshoots max_lr"
NAMED_BY = r"off.by.one|step ?== ?warmup|<= ?warmup|overshoot|above max_lr|exceeds max_lr|more than max_lr|end of (the )?warm.?up"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step <= warmup and warmup > 0:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    r = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1 + math.cos(math.pi * r)) * (max_lr - min_lr)
