"""Scores raw rows against the target: long rows win."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "ranked by dot product"


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[a] + unit[c]
    scores = E @ (target / target.norm())
    scores[[a, b, c]] = float("-inf")
    values, indices = scores.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
