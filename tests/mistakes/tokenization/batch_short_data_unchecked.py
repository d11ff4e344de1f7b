"""Never checks the data's length: torch.randint raises a RuntimeError, not the promised ValueError."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "data no longer than block_size not checked"


import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    positions = starts[:, None] + torch.arange(block_size)
    x, y = data[positions].long(), data[positions + 1].long()
    return (x, y) if device is None else (x.to(device), y.to(device))
