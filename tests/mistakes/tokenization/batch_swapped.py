"""Returns the targets as inputs and the inputs as targets."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "x and y swapped"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions + 1].long(), data[positions].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
