"""All windows of length block_size + 1 as a strided view (unfold), rows picked by the starts."""

EXERCISE = "tokenization.get_batch"

import torch


def get_batch(data, batch_size, block_size, generator=None, device=None):
    if data.shape[0] < block_size + 1:
        raise ValueError("data must be longer than block_size")
    starts = torch.randint(data.shape[0] - block_size, (batch_size,), generator=generator)
    windows = data.unfold(0, block_size + 1, 1)  # (len - block_size, block_size + 1)
    chosen = windows[starts.to(data.device)].long()
    x, y = chosen[:, :-1].contiguous(), chosen[:, 1:].contiguous()
    target = data.device if device is None else device
    return x.to(target), y.to(target)
