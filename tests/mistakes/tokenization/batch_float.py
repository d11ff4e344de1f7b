"""Converts the ids to float."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "ids made float"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].float(), data[positions + 1].float()
    return (x, y) if device is None else (x.to(device), y.to(device))
