"""Concatenates all sines, then all cosines (as some codebases do) instead of interleaving them."""

EXERCISE = "transformer.sinusoidal_positions"
DIAGNOSIS = "sines in the first half and cosines in the second: interleave them, sin in column 2i, cos in 2i+1"

import torch


def sinusoidal_positions(T, d):
    position = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    angles = position / 10000 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    return torch.cat([torch.sin(angles), torch.cos(angles[:, : d // 2])], dim=1)
