"""Normalises the positions to [0, 1] (linspace(0, 1, T)) before taking the angles, as done for
continuous time features: row p encodes p / (T - 1), not p, so the rows depend on T."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "positions scaled to 0..1 instead of the integer positions 0..T-1"
NAMED_BY = r"position|row p|0\.\.T|arange|count"

import torch


def sinusoidal_positions(T, d):
    position = torch.linspace(0.0, 1.0, T).unsqueeze(1)
    two_i = torch.arange(0, d, 2, dtype=torch.float32)
    angles = position / 10000.0 ** (two_i / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
