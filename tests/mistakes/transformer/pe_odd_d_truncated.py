"""Makes only whole (sin, cos) pairs, so an odd d loses its last column."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "the last column is missing for an odd d: it is a sine without a cosine partner"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d - 1, 2, dtype=torch.float32) / d)
    return torch.stack([torch.sin(angles), torch.cos(angles)], dim=-1).view(T, -1)
