"""torch.split for tensors (views, in order), slicing for anything else."""

EXERCISE = "tokenization.train_val_split"

import torch


def train_val_split(ids, val_fraction):
    if val_fraction <= 0 or val_fraction >= 1 or val_fraction != val_fraction:
        raise ValueError(f"val_fraction={val_fraction!r} is outside (0, 1)")
    total = len(ids)
    cut = int(total * (1 - val_fraction))
    if isinstance(ids, torch.Tensor):
        train, val = torch.split(ids, [cut, total - cut])
        return train, val
    return ids[:cut], ids[cut:]
