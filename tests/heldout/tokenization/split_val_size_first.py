"""Sizes the validation part first, n_val = int(len * f), and gives train the rest."""

EXERCISE = "tokenization.train_val_split"
MISCONCEPTION = "val gets int(len * f) tokens (rounded down) instead of cut = int(len * (1 - f)); when len * f is not whole, val is one token short"
NAMED_BY = r"1 ?- ?val_fraction|\bcut\b|\bround|floor|val.{0,30}(short|one token)"

import torch


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    n_val = int(len(ids) * val_fraction)
    cut = len(ids) - n_val
    return ids[:cut], ids[cut:]
