"""Builds the positions and exponents with dtype=torch.float64 "for precision" and returns the
float64 table: added to float32 embeddings it promotes the whole stream to float64, and the next
float32 Linear refuses it."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "returns a float64 table instead of float32"
NAMED_BY = r"dtype|float64|double|float32"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float64).unsqueeze(1)
    two_i = torch.arange(0, d, 2, dtype=torch.float64)
    angles = position / 10000.0 ** (two_i / d)
    pe = torch.zeros(T, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
