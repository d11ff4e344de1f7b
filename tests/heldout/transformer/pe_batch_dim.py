"""Returns the table as (1, T, d), ready to add to a (B, T, d) batch."""

EXERCISE = "transformer.sinusoidal_positions"
MISCONCEPTION = "returns shape (1, T, d) instead of (T, d)"
NAMED_BY = r"has shape \(1, |extra (leading |batch )?dim|unsqueeze|batch dim"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe.unsqueeze(0)
