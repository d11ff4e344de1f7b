"""Returns the ranked row indices alone, without their cosines."""

EXERCISE = "embeddings.analogy"
MISCONCEPTION = "returns a list of ints instead of (int, float) pairs"
NAMED_BY = r"\(int, float\)|\bpairs\b|tuple|without (the |their )?(cosines|scores)|should be a (tuple|pair)|got int"

import torch


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[a] + unit[c]
    cosines = unit @ (target / target.norm().clamp_min(1e-12))
    cosines[[a, b, c]] = float("-inf")
    return cosines.topk(k).indices.tolist()
