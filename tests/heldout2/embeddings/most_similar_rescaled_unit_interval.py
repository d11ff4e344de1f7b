"""Maps the cosines to [0, 1] with (cos + 1) / 2 so that they read like "similarity percentages":
the ranking is right, but the numbers returned are no longer the cosines."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "returns (cos + 1) / 2 instead of the cosine"
NAMED_BY = r"rescal|\[0, ?1\]|\(cos ?\+ ?1\)|not the cosines?"

import torch


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    sims = (unit @ unit[idx] + 1) / 2
    sims[idx] = -float("inf")
    values, indices = sims.topk(k)
    return [(int(i), float(s)) for i, s in zip(indices, values)]
