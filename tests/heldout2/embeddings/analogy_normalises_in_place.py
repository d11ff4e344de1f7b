"""Normalises the rows with an in-place division (E /= norms) to save memory: the answer is right,
but the caller's embedding matrix has been overwritten with unit rows."""

EXERCISE = "embeddings.analogy"
MISCONCEPTION = "normalises E in place, changing the caller's embeddings"
NAMED_BY = r"in[- ]place|modif|mutat|chang\w* (the )?(caller|input|E\b)|overwr"

import torch


def analogy(E, a, b, c, k):
    E /= E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = E[b] - E[a] + E[c]
    target = target / target.norm().clamp_min(1e-12)
    sims = E @ target
    sims[[a, b, c]] = -float("inf")
    values, indices = sims.topk(k)
    return [(int(i), float(s)) for i, s in zip(indices, values)]
