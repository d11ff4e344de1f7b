"""Leaves out the query by its score, dropping every row whose cosine is 1 (sims > 0.9999), instead
of dropping row idx: any other row pointing the same way (a duplicate, or a scaled copy) vanishes
from the answer too."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "removes rows by cosine value (> 0.9999) instead of removing row idx, so parallel rows disappear"
NAMED_BY = r"itself|row idx|by (its )?(value|score)|duplicate|parallel|same direction|left out"

import torch


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    sims = unit @ unit[idx]
    sims = sims.masked_fill(sims > 0.9999, float("-inf"))
    values, indices = sims.topk(k)
    return [(int(i), float(s)) for i, s in zip(indices, values)]
