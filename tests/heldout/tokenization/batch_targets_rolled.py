"""Makes the targets with torch.roll(x, -1, dims=1)."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "y from rolling x: the last target of each row wraps around to the row's first token instead of the next token of data"
NAMED_BY = r"\broll|wrap\w*|last (target|token|column|position)|data\[s ?\+ ?1"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = torch.stack([data[s:s + block_size] for s in starts.tolist()]).long()
    y = torch.roll(x, -1, dims=1)
    return (x, y) if device is None else (x.to(device), y.to(device))
