"""Sorts the starts before slicing, to read the data in order."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "rows come in sorted order instead of the order drawn: x[b] is not the window at starts[b] for the seeded draw"
NAMED_BY = r"sort\w*|order (of|in which)|starts\[b\]|drawn order"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    starts, _ = torch.sort(starts)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
