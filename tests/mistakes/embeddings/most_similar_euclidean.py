"""Nearest by Euclidean distance instead of by angle."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "ranked by Euclidean distance"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    distances = (E - E[idx]).norm(dim=1)
    distances[idx] = float("inf")
    values, indices = distances.topk(k, largest=False)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
