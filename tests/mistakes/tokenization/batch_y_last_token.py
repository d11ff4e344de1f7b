"""Makes y only the token after each window, not the window shifted."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "y holds only the token after each window"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x, y = data[starts[:, None] + torch.arange(block_size)].long(), data[starts + block_size].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
