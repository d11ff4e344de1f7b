"""Builds the table with numpy, as the tutorial it follows does, and returns the array."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "returns a numpy array instead of a torch tensor"
NAMED_BY = r"numpy|ndarray|should be a (torch\.)?tensor"

import numpy as np


def sinusoidal_positions(T, d):
    position = np.arange(T)[:, None]
    two_i = np.arange(0, d, 2)
    angles = position / np.power(10000.0, two_i / d)
    pe = np.zeros((T, d), dtype=np.float32)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d // 2])
    return pe
