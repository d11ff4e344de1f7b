"""Computes the exponent with integer division, 2 * i // d, which is 0 for every pair."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "integer division in the exponent: (2i // d) is 0, so every frequency is 1"

import math

import torch


def sinusoidal_positions(T, d):
    pe = torch.zeros(T, d)
    for p in range(T):
        for i in range(0, d, 2):
            angle = p / 10000 ** (i // d)
            pe[p, i] = math.sin(angle)
            if i + 1 < d:
                pe[p, i + 1] = math.cos(angle)
    return pe
