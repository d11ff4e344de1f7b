"""Windows gathered with a Python loop and torch.stack; randint called with keyword arguments."""

EXERCISE = "tokenization.get_batch"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    n = len(data)
    if n <= block_size:
        raise ValueError(f"need more than {block_size} tokens, got {n}")
    starts = torch.randint(low=0, high=n - block_size, size=(batch_size,), generator=generator)
    xs, ys = [], []
    for s in starts.tolist():
        xs.append(data[s:s + block_size])
        ys.append(data[s + 1:s + 1 + block_size])
    x = torch.stack(xs).to(dtype=torch.int64)
    y = torch.stack(ys).to(dtype=torch.int64)
    if device is not None:
        x, y = x.to(device), y.to(device)
    return x, y
