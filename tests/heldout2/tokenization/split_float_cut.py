"""Computes the cut as len(ids) * (1 - val_fraction) and slices with it directly, forgetting the
int(): a float is not a slice index, so every call raises a TypeError."""

EXERCISE = "tokenization.train_val_split"
MISCONCEPTION = "slices with a float cut (no int()), which raises TypeError"
NAMED_BY = r"int\(|integer|float|TypeError|slice ind"


def train_val_split(ids, val_fraction):
    if not 0 < val_fraction < 1:
        raise ValueError("val_fraction must be in (0, 1)")
    cut = len(ids) * (1 - val_fraction)
    return ids[:cut], ids[cut:]
