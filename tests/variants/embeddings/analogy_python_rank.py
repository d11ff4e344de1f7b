"""Unit rows by hand, target normalised, a Python sort over the rows not in {a, b, c}."""

EXERCISE = "embeddings.analogy"

import math


def analogy(E, a, b, c, k):
    lengths = (E * E).sum(dim=1).sqrt().clamp_min(1e-12).unsqueeze(1)
    unit = E / lengths
    target = unit[b] + unit[c] - unit[a]
    target = target / max(float(target.norm()), 1e-12)
    scores = (unit @ target).tolist()
    skip = {a, b, c}
    ranked = sorted((i for i in range(len(scores)) if i not in skip), key=lambda i: -scores[i])
    return [(i, float(scores[i])) for i in ranked[:k]]
