"""float() on both numbers of each pair."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "the index is a float"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(float(i), float(v)) for i, v in zip(indices, values)]
