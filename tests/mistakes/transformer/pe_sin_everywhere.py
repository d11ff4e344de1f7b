"""Copies the sine line for the odd columns and forgets to change sin to cos."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "sin in the odd columns too"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.sin(angles[:, : d // 2])
    return pe
