"""Takes the top k first and only then drops idx: k - 1 results."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "fewer than k results"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values) if int(i) != idx]
