"""Moves x to the device and forgets y."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "only x is moved to device; y stays where data is"
NAMED_BY = r"\by\b.{0,30}(device|moved|stays)|targets?.{0,30}(device|moved|cpu)|both x and y|x and y.{0,20}device"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    if device is not None:
        x = x.to(device)
    return x, y
