"""Accepts any val_fraction."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "val_fraction not checked"


def train_val_split(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
