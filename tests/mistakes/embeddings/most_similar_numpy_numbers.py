"""zip over .numpy() arrays: pairs of numpy scalars."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "pairs hold numpy numbers"

import torch
import torch.nn.functional as F


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return list(zip(indices.numpy(), values.numpy()))
