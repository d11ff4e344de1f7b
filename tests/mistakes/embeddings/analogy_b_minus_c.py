"""Target b − c + a: the roles of a and c swapped."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "target is b − c + a"

import torch
import torch.nn.functional as F


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[c] + unit[a]
    cosines = unit @ (target / target.norm().clamp_min(1e-12))
    cosines[[a, b, c]] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
