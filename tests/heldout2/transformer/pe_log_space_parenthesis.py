"""Uses the log-space form of the frequencies, exp(2i · (−ln 10000 / d)), but closes the exp too
early and divides by d outside it: exp(−ln 10000 · 2i) / d, so the frequencies are wrong from
column 2 on and even the first pair is scaled by 1 / d."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "divides by d outside the exp in the log-space frequency formula"
NAMED_BY = r"frequenc|exponent|10000|wavelength|angle"

import math

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    two_i = torch.arange(0, d, 2, dtype=torch.float32)
    div_term = torch.exp(-math.log(10000.0) * two_i) / d
    angles = position * div_term
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
