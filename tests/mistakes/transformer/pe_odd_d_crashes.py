"""Assumes d is even: for an odd d, d/2 rounded up sines do not fit the d // 2 cosine columns."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "fails for an odd d: there is one sine column more than cosine columns, so cos gets angles[:, :d // 2]"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe
