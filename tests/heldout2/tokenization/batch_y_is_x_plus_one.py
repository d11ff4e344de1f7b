"""Makes the targets as y = x + 1, which is right for the docstring's data = torch.arange(...) but
adds one to the token ids instead of taking the next token of the data."""

EXERCISE = "tokenization.get_batch"
MISCONCEPTION = "y = x + 1 (ids plus one) instead of the next tokens of data"
NAMED_BY = r"targets?|next tokens?|shift|y ?= ?x ?\+ ?1|plus one"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if len(data) <= block_size:
        raise ValueError(f"data of length {len(data)} is not longer than block_size {block_size}")
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = data[starts[:, None] + torch.arange(block_size)].long()
    y = x + 1
    if device is not None:
        x, y = x.to(device), y.to(device)
    return x, y
