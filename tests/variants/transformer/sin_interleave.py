"""Sines and cosines stacked on a new last axis and flattened, so they interleave; trimmed for odd d."""

EXERCISE = "transformer.sinusoidal_positions"

import torch


def sinusoidal_positions(T, d):
    freqs = 1.0 / torch.pow(torch.tensor(10000.0), torch.arange(0, d, 2, dtype=torch.float32) / d)
    angles = torch.outer(torch.arange(T, dtype=torch.float32), freqs)  # (T, ceil(d/2))
    both = torch.stack((angles.sin(), angles.cos()), dim=-1)  # (T, ceil(d/2), 2)
    return both.flatten(start_dim=1)[:, :d].contiguous()
