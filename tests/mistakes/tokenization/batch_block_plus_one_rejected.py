"""Refuses data of block_size + 1 tokens, which hold exactly one window and its targets."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "data of block_size + 1 tokens rejected"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size + 1:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
