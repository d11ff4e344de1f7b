"""Takes block_size + 1 tokens for x and for y."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "windows of block_size + 1 tokens"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size - 1, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size + 1)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
