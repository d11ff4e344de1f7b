"""Reads device=None as "the CPU": right while data is on the CPU, but a corpus already on a
GPU comes back to the CPU at every batch."""

EXERCISE = "tokenization.get_batch"
DIAGNOSIS = "device None sends x and y to the CPU"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    data = torch.as_tensor(data)
    if len(data) <= block_size:
        raise ValueError(f"data holds {len(data)} tokens, fewer than block_size + 1 = {block_size + 1}")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = torch.stack([data[s:s + block_size] for s in starts]).long()
    y = torch.stack([data[s + 1:s + 1 + block_size] for s in starts]).long()
    return x.to(device or "cpu"), y.to(device or "cpu")
