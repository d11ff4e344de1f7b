"""Builds the table with one row per dimension, shape (d, T)."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "transposed: rows are positions, shape (T, d)"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(0)  # (1, T)
    two_i = torch.arange(0, d, 2, dtype=torch.float32).unsqueeze(1)  # (ceil(d/2), 1)
    angles = position / 10000 ** (two_i / d)
    pe = torch.zeros(d, T)
    pe[0::2] = torch.sin(angles)
    pe[1::2] = torch.cos(angles[: d // 2])
    return pe
