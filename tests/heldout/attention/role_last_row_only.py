"""Reads the head's pattern from the last query row only, the one that predicts the next token."""

EXERCISE = "attention.head_role"
MISCONCEPTION = "uses only row T-1 instead of averaging over rows t = 2..T-1"
NAMED_BY = r"last (row|query)|row T ?- ?1|one row|only (the )?(final|last)|average over (the )?rows|rows 2\.\."

import torch


def head_role(weights):
    T = weights.size(-1)
    mean = weights.reshape(-1, T, T).mean(0)
    last = mean[T - 1]
    if last[T - 2] > 0.5:
        return "previous-token"
    if last[0] > 0.5:
        return "first-token"
    if last[T - 1] > 0.5:
        return "self"
    return "broad"
