"""Measures the cosine's progress as (step - warmup) / max_steps."""

EXERCISE = "pretraining.lr_at"
MISCONCEPTION = "the decay's denominator is max_steps instead of max_steps - warmup: the cosine has not reached min_lr at max_steps and then jumps down"
NAMED_BY = r"max_steps ?- ?warmup|denominator|progress|does not reach min_lr|jump|discontinu"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return min_lr
    r = (step - warmup) / max_steps
    return min_lr + 0.5 * (1 + math.cos(math.pi * r)) * (max_lr - min_lr)
