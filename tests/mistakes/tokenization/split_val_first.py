"""Takes validation from the start of the ids."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "val taken from the start"


def train_val_split(ids, val_fraction):
    n_val = len(ids) - int(len(ids) * (1 - val_fraction))
    return ids[n_val:], ids[:n_val]
