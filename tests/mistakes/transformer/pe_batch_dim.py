"""Returns the table with a leading batch dim, (1, T, d), as the tutorials that register it as a buffer do."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "an extra batch dim: return (T, d), not (1, T, d)"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe.unsqueeze(0)
