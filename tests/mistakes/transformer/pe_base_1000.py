"""Writes the base as 1000 instead of 10000 (one zero short)."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "the base of the exponent is not 10000"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 1000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
