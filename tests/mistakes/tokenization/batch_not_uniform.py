"""Squares a uniform number before scaling it, so early starts are drawn far more often."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "starts not uniform"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    u = torch.rand(batch_size, generator=generator) ** 2  # skewed towards 0
    starts = (u * (len(data) - block_size)).long()
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
