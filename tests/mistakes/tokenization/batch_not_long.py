"""Returns the ids in the data's own dtype."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "ids not converted to int64"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions], data[positions + 1]
    return (x, y) if device is None else (x.to(device), y.to(device))
