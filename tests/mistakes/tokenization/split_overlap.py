"""Lets train run one token into val."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "val data leaking into train"


def train_val_split(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    return ids[: cut + 1], ids[cut:]  # the first val token is in train too
