"""Builds the table in NumPy and returns the array itself, not a torch.Tensor."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "a NumPy array, not a torch.Tensor"

import numpy as np


def sinusoidal_positions(T, d):
    position = np.arange(T)[:, None]
    angles = position / 10000 ** (np.arange(0, d, 2) / d)
    pe = np.zeros((T, d), dtype=np.float32)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d // 2])
    return pe
