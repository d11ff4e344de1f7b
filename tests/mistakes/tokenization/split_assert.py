"""Checks the fraction with assert, which raises AssertionError (and vanishes under python -O)."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "checked with assert"

import math


def train_val_split(ids, val_fraction):
    assert 0 < val_fraction < 1, f"val_fraction must be between 0 and 1, got {val_fraction}"
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
