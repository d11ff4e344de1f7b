"""Stacks the windows as columns."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "x is (block_size, batch_size)"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long().T, data[positions + 1].long().T
    return (x, y) if device is None else (x.to(device), y.to(device))
