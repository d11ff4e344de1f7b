"""Divides by a·a instead of its square root."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "divided by the squared norm"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / (E * E).sum(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
