"""Returns x and y as lists of rows, never stacked."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "lists of rows"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError("data too short")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = [data[i : i + block_size].long() for i in starts]
    y = [data[i + 1 : i + block_size + 1].long() for i in starts]
    if device is not None:
        x, y = [row.to(device) for row in x], [row.to(device) for row in y]
    return x, y
    return (x, y) if device is None else (x.to(device), y.to(device))
