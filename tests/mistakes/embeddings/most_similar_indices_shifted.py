"""Cuts row idx out of the scores and ranks the rest: positions past idx are one short of the row index."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "indices past idx are one too low"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    others = torch.cat([cosines[:idx], cosines[idx + 1:]])
    values, indices = others.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
