"""Reads "10000^(2i/d)" with i the column index of the pair's sine, then halves it: exponent i/d."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "exponent i/d instead of 2i/d: i counts pairs, so column 2i uses 10000^(2i/d)"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    i = torch.arange((d + 1) // 2, dtype=torch.float32)  # pair index
    angles = position / 10000 ** (i / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
