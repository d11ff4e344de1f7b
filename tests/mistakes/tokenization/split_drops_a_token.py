"""Leaves the token at the cut out of both splits."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "ids lost between the splits"


def train_val_split(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    return ids[: cut - 1], ids[cut:]
