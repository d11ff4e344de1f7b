"""Converts x to int64 but leaves y in the data's dtype."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "only x converted to int64"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1]
    return (x, y) if device is None else (x.to(device), y.to(device))
