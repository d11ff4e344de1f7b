"""One formula after warm-up: the progress r clamped to at most 1, so that from max_steps on
the cosine sits at its end, ½·(1 + cos π) = 0, which is min_lr exactly. With max_steps <=
warmup every step past warm-up is already at or past max_steps, so r is 1 there."""

EXERCISE = "pretraining.lr_at"

import math


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return max_lr * (step + 1) / warmup
    r = 1.0 if max_steps <= warmup else min(1.0, (step - warmup) / (max_steps - warmup))
    return min_lr + (max_lr - min_lr) * (1.0 + math.cos(math.pi * r)) / 2
