"""Returns lists of ints even when the ids are a tensor."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "returns lists for a tensor"

import math


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be between 0 and 1, got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    ids = list(map(int, ids))
    return ids[:cut], ids[cut:]
