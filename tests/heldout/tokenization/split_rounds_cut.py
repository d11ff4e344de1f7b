"""Rounds the cut to the nearest index instead of truncating it."""

EXERCISE = "tokenization.train_val_split"
MISCONCEPTION = "cut = round(len * (1 - f)) instead of int(...): half-way cuts move one token from val to train"
NAMED_BY = r"\bround|int\(|truncat|floor"

import torch


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    cut = round(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
