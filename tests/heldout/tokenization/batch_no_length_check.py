"""Draws the starts straight away, without checking that the data is longer than block_size."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "data no longer than block_size is not a ValueError: torch.randint raises a RuntimeError (or an empty high) instead"
NAMED_BY = r"ValueError|too short|no longer than|length check|len\(data\) ?<=|shorter than"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
