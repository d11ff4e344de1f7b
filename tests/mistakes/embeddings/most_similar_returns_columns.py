"""Returns the two lists side by side: (indices, cosines)."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "returns (indices, values), two sequences"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return indices.tolist(), values.tolist()
