"""Takes the top k + 3 and filters a, b and c out afterwards: at most three of them are dropped."""

EXERCISE = "embeddings.analogy"

import torch.nn.functional as F


def analogy(E, a, b, c, k):
    unit = F.normalize(E, dim=1, eps=1e-12)
    target = F.normalize(unit[b] - unit[a] + unit[c], dim=0, eps=1e-12)
    values, indices = (unit @ target).topk(k + 3)
    kept = [(int(i), float(v)) for i, v in zip(indices, values) if int(i) not in (a, b, c)]
    return kept[:k]
