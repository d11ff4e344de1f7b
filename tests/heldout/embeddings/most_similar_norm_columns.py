"""Normalises with E.norm(dim=0): the columns get unit length, not the rows."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "normalises along the wrong axis (columns instead of rows), so the scores are not cosines"
NAMED_BY = r"column|dim ?=? ?0|wrong axis|rows? (are|is) not normali|normali[sz]\w* (the )?columns"

import torch


def most_similar(E, idx, k):
    unit = E / E.norm(dim=0, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
