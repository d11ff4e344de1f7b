"""Returns a (k, 2) tensor of [index, cosine] rows."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "returns a (k, 2) tensor, not a list"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return torch.stack([indices.float(), values], dim=1)
