"""Starts from torch.zeros_like of the integer positions, so every sine and cosine is cut to a whole number."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "an integer tensor: the sines and cosines are cut to whole numbers"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T).unsqueeze(1)  # int64
    angles = position / 10000 ** (torch.arange(0, d, 2) / d)
    pe = torch.zeros_like(position).repeat(1, d)  # int64 (T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
