"""Tokenization: text to ids (core/tokenizer.py), ids to training batches (core/data.py)."""

import torch


def train_val_split(ids, val_fraction):
    """Split a 1-D sequence of token ids in two, keeping its order: (train, val).

    val is the last `val_fraction` of the ids, train everything before it:
        cut = int(len(ids) * (1 - val_fraction));  train = ids[:cut], val = ids[cut:]
    No shuffling: neighbouring text would land on both sides, and the validation loss
    would measure memory instead of generalisation. A val_fraction outside (0, 1) is a
    ValueError.

    Example: train_val_split(torch.arange(10), 0.2) -> (tensor([0, ..., 7]), tensor([8, 9]))

    Leaves out: splitting by document (the prepared corpora split by play).
    """
    raise NotImplementedError


def get_batch(data, batch_size, block_size, generator=None, device=None):
    """A batch of random windows of `data` (a 1-D integer tensor) and their next tokens.

    Draw the starts with one call, so that a seeded generator gives the same batches:
        starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    (every start from 0 to len(data) - block_size - 1 equally likely: the last window's
    target is the last token), then
        x[b] = data[starts[b]     : starts[b] + block_size]
        y[b] = data[starts[b] + 1 : starts[b] + block_size + 1]    # x shifted by one
    Returns (x, y), both int64 of shape (batch_size, block_size), on `device` (None: where
    data is). Data no longer than block_size is a ValueError.

    Example: data = torch.arange(100, 110), block_size 3, starts [0, 6]:
        x = [[100, 101, 102], [106, 107, 108]],  y = [[101, 102, 103], [107, 108, 109]]

    Leaves out: pinned memory and non-blocking copies to the GPU (nanoGPT's speed-ups).
    """
    raise NotImplementedError
