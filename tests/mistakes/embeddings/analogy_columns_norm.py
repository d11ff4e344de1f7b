"""F.normalize(E, dim=0): columns, not rows, get length 1."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "normalised along the wrong axis"

import torch
import torch.nn.functional as F


def analogy(E, a, b, c, k):
    unit = F.normalize(E, dim=0)
    target = unit[b] - unit[a] + unit[c]
    cosines = unit @ (target / target.norm().clamp_min(1e-12))
    cosines[[a, b, c]] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
