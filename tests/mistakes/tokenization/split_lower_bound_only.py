"""Checks only that val_fraction is above 0."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "only the lower bound checked"

import math


def train_val_split(ids, val_fraction):
    if val_fraction <= 0:
        raise ValueError(f"val_fraction must be above 0, got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
