"""Uses cos(2π·r) in the decay, a full period instead of half: the rate falls to min_lr halfway
through and climbs back to max_lr at max_steps before dropping to min_lr."""

EXERCISE = "pretraining.lr_at"
MISCONCEPTION = "cosine over a full period cos(2πr) instead of half a period cos(πr)"
NAMED_BY = r"period|2π|2 ?\* ?pi|half (a )?(period|cosine)|halfway|cos\(2"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= max_steps:
        return float(min_lr)
    r = (step - warmup) / (max_steps - warmup)
    return min_lr + 0.5 * (1 + math.cos(2 * math.pi * r)) * (max_lr - min_lr)
