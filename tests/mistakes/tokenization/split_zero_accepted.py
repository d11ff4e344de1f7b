"""Accepts a val_fraction of 0, which leaves val empty."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "val_fraction 0 accepted"

import math


def train_val_split(ids, val_fraction):
    if not 0 <= val_fraction < 1:
        raise ValueError(f"val_fraction must be in [0, 1), got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
