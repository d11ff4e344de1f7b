"""Explicit bounds checks with their own message, the two parts returned as a tuple of slices."""

EXERCISE = "tokenization.train_val_split"


def train_val_split(ids, val_fraction):
    if not (val_fraction > 0 and val_fraction < 1):
        raise ValueError("the validation share has to lie strictly between 0 and 1")
    n_train = int(len(ids) * (1 - val_fraction))
    train = ids[:n_train]
    val = ids[n_train:]
    return (train, val)
