"""Leaves x and y where the data is."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "device ignored"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    return data[positions].long(), data[positions + 1].long()  # device never used
