"""One gather of block_size + 1 tokens per row, x and y sliced from it; dtype and device in one
.to(device=..., dtype=torch.long) call (device=None leaves them where the data is)."""

EXERCISE = "tokenization.get_batch"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if not len(data) > block_size:
        raise ValueError(f"get_batch needs more than block_size={block_size} tokens, got {len(data)}")
    starts = torch.randint(len(data) - block_size, size=(batch_size,), generator=generator)
    windows = data[starts.unsqueeze(1) + torch.arange(block_size + 1)]  # (B, T + 1)
    windows = windows.to(device=device, dtype=torch.long)
    return windows[:, :-1], windows[:, 1:]
