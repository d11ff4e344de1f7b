"""Ranks rows by |cosine|, reasoning that a vector pointing the opposite way is just as related."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "ranks by the absolute value of the cosine (and reports it): rows pointing the opposite way (cosine -1) come first instead of last"
NAMED_BY = r"absolute|abs\(|\|cos|opposite|negative cosines?|sign"

import torch


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = (unit @ unit[idx]).abs()
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
