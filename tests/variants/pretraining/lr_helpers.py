"""Warm-up and decay as helper functions; the cosine written as cos² (½(1 + cos πr) = cos²(πr/2))."""

EXERCISE = "pretraining.lr_at"

import math


def _warmup_lr(step, warmup, max_lr):
    return max_lr * (step + 1) / warmup


def _cosine_lr(step, warmup, max_steps, max_lr, min_lr):
    progress = (step - warmup) / (max_steps - warmup)
    return min_lr + (max_lr - min_lr) * math.cos(math.pi * progress / 2) ** 2


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    if step < warmup:
        return float(_warmup_lr(step, warmup, max_lr))
    if step >= max_steps:
        return float(min_lr)
    return float(_cosine_lr(step, warmup, max_steps, max_lr, min_lr))
