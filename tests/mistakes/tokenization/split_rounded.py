"""Rounds the cut to the nearest index instead of rounding it down."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "cut rounded to the nearest index"

import math


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be between 0 and 1, got {val_fraction}")
    cut = round(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
