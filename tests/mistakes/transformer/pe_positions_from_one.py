"""Numbers the positions 1..T, so row 0 is not sin 0, cos 0."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "positions counted from 1: row 0 is position 0"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(1, T + 1, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
