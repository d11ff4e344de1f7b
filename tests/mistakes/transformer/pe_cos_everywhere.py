"""Copies the cosine line for the even columns too: cos in every column."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "cos in the even columns too"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.cos(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
