"""Rounds val's size down, so the cut (train's size) is rounded up."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "val's size rounded down"

import math


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be between 0 and 1, got {val_fraction}")
    n_val = int(len(ids) * val_fraction)
    return ids[: len(ids) - n_val], ids[len(ids) - n_val:]
