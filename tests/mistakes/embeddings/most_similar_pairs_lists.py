"""Stacks indices and values, then .tolist(): a list of [index, cosine] lists."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "each pair is a list [index, cosine]"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return torch.stack([indices.float(), values], dim=1).tolist()
