"""Takes one off torch.randint's already exclusive high end."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "the last start, len(data) - block_size - 1, is never drawn"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size - 1, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
