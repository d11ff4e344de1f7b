"""Gives val_fraction of the ids to train."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "val_fraction given to train"


def train_val_split(ids, val_fraction):
    cut = int(len(ids) * val_fraction)
    return ids[:cut], ids[cut:]
