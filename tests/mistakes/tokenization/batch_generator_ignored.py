"""Draws from the global generator whatever it is given."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "generator ignored"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,))  # generator not passed
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
