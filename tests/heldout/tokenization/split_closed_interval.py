"""Checks 0 <= val_fraction <= 1, letting 0 and 1 through."""

EXERCISE = "tokenization.train_val_split"
MISCONCEPTION = "the range check is closed: val_fraction 0 or 1 (an empty split) is accepted instead of raising ValueError"
NAMED_BY = r"ValueError|outside \(0, 1\)|\(0, 1\)|0 or 1|open interval|boundar|empty (split|val|train)"

import torch


def train_val_split(ids, val_fraction):
    if not 0 <= val_fraction <= 1:
        raise ValueError(f"val_fraction must be in [0, 1], got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
