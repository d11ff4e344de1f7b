"""Draws the starts of x and of y with two calls, so y is not x shifted."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "starts drawn twice"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    positions = torch.randint(len(data) - block_size, (batch_size,), generator=generator)[:, None] + torch.arange(block_size)
    x = data[positions].long()
    positions = torch.randint(len(data) - block_size, (batch_size,), generator=generator)[:, None] + torch.arange(block_size)
    y = data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
