"""tuple(...) of the pairs instead of a list."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "returns a tuple of pairs"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return tuple((int(i), float(v)) for i, v in zip(indices, values))
