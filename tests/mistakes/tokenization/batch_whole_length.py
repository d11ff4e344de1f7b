"""Draws the starts over the whole data, so windows run off its end."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "starts drawn over the whole data"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data), (batch_size,), generator=generator)
    x = torch.stack([data[i : i + block_size] for i in starts]).long()
    y = torch.stack([data[i + 1 : i + block_size + 1] for i in starts]).long()
    return (x, y) if device is None else (x.to(device), y.to(device))
