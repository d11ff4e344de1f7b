"""The cosine as a·b / (‖a‖·‖b‖) with both norms clamped, ranked with Python's sorted."""

EXERCISE = "embeddings.most_similar"

import torch


def most_similar(E, idx, k):
    norms = E.norm(dim=1).clamp(min=1e-12)  # (V,)
    cos = (E @ E[idx]) / (norms * norms[idx])
    scored = [(i, c) for i, c in enumerate(cos.tolist()) if i != idx]
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return [(int(i), float(c)) for i, c in scored[:k]]
