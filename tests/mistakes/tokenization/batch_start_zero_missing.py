"""Draws starts from 1: the first window of the data is never seen."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "start 0 is never drawn"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(1, len(data) - block_size, (batch_size,), generator=generator)  # low = 1
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
