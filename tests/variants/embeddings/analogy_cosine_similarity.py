"""F.normalize, then F.cosine_similarity of every row with the target, a, b, c masked out."""

EXERCISE = "embeddings.analogy"

import torch
import torch.nn.functional as F


def analogy(E, a, b, c, k):
    unit = F.normalize(E, dim=-1)
    target = unit[b] - unit[a] + unit[c]
    cos = F.cosine_similarity(unit, target.unsqueeze(0), dim=-1)  # (V,)
    excluded = torch.zeros_like(cos, dtype=torch.bool)
    excluded[[a, b, c]] = True
    cos = cos.masked_fill(excluded, float("-inf"))
    top = torch.topk(cos, k=k, largest=True, sorted=True)
    return list(zip(top.indices.tolist(), top.values.tolist()))
