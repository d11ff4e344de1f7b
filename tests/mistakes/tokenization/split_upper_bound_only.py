"""Checks only that val_fraction is below 1."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "only the upper bound checked"

import math


def train_val_split(ids, val_fraction):
    if val_fraction >= 1:
        raise ValueError(f"val_fraction must be below 1, got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
