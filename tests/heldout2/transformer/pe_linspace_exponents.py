"""Spaces the exponents with torch.linspace(0, 1, ceil(d/2)), reading "from 2π towards 10000·2π" as
reaching 10000 exactly: the exponents are i / (ceil(d/2) - 1) instead of 2i / d."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "exponents from linspace(0, 1) so the last frequency is exactly 1/10000, instead of 2i/d"
NAMED_BY = r"frequenc|exponent|2i ?/ ?d|10000|wavelength|angle"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    n = (d + 1) // 2
    exponents = torch.linspace(0.0, 1.0, n)
    angles = position / 10000.0 ** exponents
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
