"""Checks val_fraction with <= at both ends, so 0 and 1 are accepted."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "the ends 0 and 1 accepted"


def train_val_split(ids, val_fraction):
    if not 0 <= val_fraction <= 1:  # 0 < val_fraction < 1 was meant
        raise ValueError(f"val_fraction must be in [0, 1], got {val_fraction}")
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]
