"""Gives a, b and c a score of 0 rather than -inf."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "excluded rows given score 0, not −inf"

import torch
import torch.nn.functional as F


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[a] + unit[c]
    cosines = unit @ (target / target.norm().clamp_min(1e-12))
    cosines[[a, b, c]] = 0.0
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
