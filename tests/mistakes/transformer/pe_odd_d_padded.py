"""Stacks a cosine beside every sine, so an odd d gets one column too many."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "one column too many for an odd d: drop the last cosine"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)  # (T, ceil(d/2))
    return torch.stack([torch.sin(angles), torch.cos(angles)], dim=-1).view(T, -1)
