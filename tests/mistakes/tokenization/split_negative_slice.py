"""Sizes val as int(len(ids) * val_fraction) and slices it with a negative index: with 0 val ids,
ids[-0:] is every id and ids[:-0] none."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "ids[-n_val:] with n_val = 0"


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be between 0 and 1, got {val_fraction}")
    n_val = int(len(ids) * val_fraction)
    return ids[:-n_val], ids[-n_val:]
