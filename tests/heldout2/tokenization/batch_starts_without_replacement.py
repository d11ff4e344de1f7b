"""Draws the starts with torch.randperm(...)[:batch_size] so that no window appears twice in a
batch: sampling without replacement, which is not the docstring's single randint call (other
batches from the same seed) and fails once batch_size exceeds the number of possible starts."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "starts drawn without replacement (randperm) instead of one torch.randint call"
NAMED_BY = r"randint|one call|single call|seed|generator|same batches|reproduc|replacement|randperm"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError(f"data of length {len(data)} is not longer than block_size {block_size}")
    starts = torch.randperm(len(data) - block_size, generator=generator)[:batch_size]
    positions = starts[:, None] + torch.arange(block_size)
    x = data[positions].long()
    y = data[positions + 1].long()
    if device is not None:
        x, y = x.to(device), y.to(device)
    return x, y
