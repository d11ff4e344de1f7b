"""Counts val's size from the cut and slices from the end; ids[len(ids) - n_val:] never meets the
ids[-0:] trap, so the answer is the reference's."""

EXERCISE = "tokenization.train_val_split"


def train_val_split(ids, val_fraction):
    if not (val_fraction > 0 and val_fraction < 1):
        raise ValueError("val_fraction must lie strictly between 0 and 1")
    n_val = len(ids) - int(len(ids) * (1 - val_fraction))
    return ids[: len(ids) - n_val], ids[len(ids) - n_val :]
