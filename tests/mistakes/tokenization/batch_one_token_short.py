"""Takes windows of block_size tokens and splits each into input and target: one short."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "one token short"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    chunks = data[starts[:, None] + torch.arange(block_size)].long()
    x, y = chunks[:, :-1], chunks[:, 1:]
    return (x, y) if device is None else (x.to(device), y.to(device))
