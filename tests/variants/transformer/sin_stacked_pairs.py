"""One frequency per pair from torch.outer, (sin, cos) stacked on a last axis and flattened, so
the columns interleave; an odd d keeps the first d columns, which drops the last cosine."""

EXERCISE = "transformer.sinusoidal_positions"

import math

import torch


def sinusoidal_positions(T, d):
    pairs = (d + 1) // 2
    frequencies = torch.exp(-math.log(10000.0) * torch.arange(pairs, dtype=torch.float32) * 2 / d)
    angles = torch.outer(torch.arange(T, dtype=torch.float32), frequencies)  # (T, pairs)
    return torch.stack([angles.sin(), angles.cos()], dim=-1).flatten(1)[:, :d]
