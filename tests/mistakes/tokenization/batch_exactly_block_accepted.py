"""Rejects data shorter than block_size but not data exactly block_size long."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "data exactly block_size long accepted"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) < block_size:  # <= was meant: the last window needs a target after it
        raise ValueError(f"data of {len(data)} tokens is shorter than block_size {block_size}")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
