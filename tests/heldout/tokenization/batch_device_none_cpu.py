"""Sends the batch to device or "cpu", reading device=None as the CPU."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "device=None moves the batch to the CPU instead of leaving it where data is"
NAMED_BY = r"device ?= ?None|where (the )?data is|data's device|moved to (the )?cpu|\bcpu\b"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return x.to(device or "cpu"), y.to(device or "cpu")
