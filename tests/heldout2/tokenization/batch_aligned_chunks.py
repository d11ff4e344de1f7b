"""Cuts the data into consecutive non-overlapping chunks of block_size tokens and draws a chunk
number, believing windows must not overlap: only starts that are multiples of block_size can
appear, instead of every start from 0 to len(data) - block_size - 1."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "starts drawn only at multiples of block_size (aligned chunks) instead of every position"
NAMED_BY = r"multiples?|aligned|chunk|uniform|every start"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError(f"data of length {len(data)} is not longer than block_size {block_size}")
    n_chunks = (len(data) - 1) // block_size
    starts = torch.randint(n_chunks, (batch_size,), generator=generator) * block_size
    positions = starts[:, None] + torch.arange(block_size)
    x = data[positions].long()
    y = data[positions + 1].long()
    if device is not None:
        x, y = x.to(device), y.to(device)
    return x, y
