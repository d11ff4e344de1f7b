"""Takes the exp/log route with math.log10(10000) = 4, so the base is e^4 = 54.6, not 10000."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "the base of the exponent is not 10000"

import math

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log10(10000.0) / d))
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: d // 2])
    return pe
