"""Hides row idx by setting its cosine to 0: it still outranks every negative cosine."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "excluded rows given score 0, not −inf"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = 0.0
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
