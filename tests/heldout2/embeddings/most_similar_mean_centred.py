"""Subtracts the mean row before taking cosines, borrowing the centring step of PCA: the
similarities are then between centred vectors, not the cosines of the rows of E."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "centres E (subtracts the mean row) before the cosine"
NAMED_BY = r"centr|mean row|subtract"

import torch


def most_similar(E, idx, k):
    X = E - E.mean(dim=0)
    unit = X / X.norm(dim=1, keepdim=True).clamp_min(1e-12)
    sims = unit @ unit[idx]
    sims[idx] = -float("inf")
    values, indices = sims.topk(k)
    return [(int(i), float(s)) for i, s in zip(indices, values)]
