"""Gives every column its own frequency 10000^(j/d), so a pair's sine and cosine no longer match."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "exponent from the column index (j/d for every column): both columns of a pair share the frequency 10000^(2i/d)"

import math

import torch


def sinusoidal_positions(T, d):
    pe = torch.zeros(T, d)
    for p in range(T):
        for j in range(d):
            angle = p / 10000 ** (j / d)
            pe[p, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe
