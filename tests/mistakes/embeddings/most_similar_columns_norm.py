"""F.normalize(E, dim=0): every column, not every row, gets length 1."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "normalised along the wrong axis"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = F.normalize(E, dim=0)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
