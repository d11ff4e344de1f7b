"""Normalises the rows but scores them against the raw E[idx]: right order, scores scaled by its length."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "the query row not normalised"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ E[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
