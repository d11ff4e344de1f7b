"""The Annotated Transformer's form: frequencies exp(-2i·ln(10000)/d)."""

EXERCISE = "transformer.sinusoidal_positions"

import math

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(0, T).float().unsqueeze(-1)  # (T, 1)
    div_term = torch.exp(torch.arange(0, d, 2).float() * (-math.log(10000.0) / d))  # (ceil(d/2),)
    pe = torch.empty(T, d)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)[:, : d // 2]
    return pe
