"""Puts the cosines in the even columns and the sines in the odd ones."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "sin and cos swapped: sin goes in the even columns (2i), cos in the odd ones (2i+1)"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.cos(angles)
    pe[:, 1::2] = torch.sin(angles[:, : d // 2])
    return pe
