"""Explicit Python loops over positions and columns with math.sin / math.cos."""

EXERCISE = "transformer.sinusoidal_positions"

import math

import torch


def sinusoidal_positions(T, d):
    rows = []
    for p in range(T):
        row = []
        for col in range(d):
            two_i = col - col % 2
            angle = p / 10000 ** (two_i / d)
            row.append(math.sin(angle) if col % 2 == 0 else math.cos(angle))
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float32).reshape(T, d)
