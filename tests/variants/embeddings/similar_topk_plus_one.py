"""Ranks all rows with topk(k + 1) and drops row idx by value: k + 1 <= V whenever k <= V - 1."""

EXERCISE = "embeddings.most_similar"

import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = F.normalize(E, dim=1, eps=1e-12)
    cosines = unit @ unit[idx]
    values, indices = cosines.topk(k + 1)
    return [(int(i), float(v)) for i, v in zip(indices, values) if int(i) != idx][:k]
