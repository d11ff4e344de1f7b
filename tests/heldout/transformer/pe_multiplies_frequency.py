"""Computes div_term = 10000^(2i/d) and multiplies the positions by it (the exp(-log ...) form with the minus lost)."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "positions are multiplied by 10000^(2i/d) instead of divided: frequencies grow instead of shrink"
NAMED_BY = r"multipl\w*|divid\w* by 10000|frequenc\w* (grow|increase)|wavelength|exponent sign|negative exponent"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    div_term = torch.pow(10000.0, torch.arange(0, d, 2, dtype=torch.float32) / d)
    angles = position * div_term
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe
