"""Builds the target as b − c + a, mixing up which word is subtracted."""

EXERCISE = "embeddings.analogy"
MISCONCEPTION = "target is b - c + a instead of b - a + c"
NAMED_BY = r"b ?[−-] ?c|swap\w* a and c|a and c (are )?swapped|c (is )?subtracted"

import torch


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[c] + unit[a]
    cosines = unit @ (target / target.norm().clamp_min(1e-12))
    cosines[[a, b, c]] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
