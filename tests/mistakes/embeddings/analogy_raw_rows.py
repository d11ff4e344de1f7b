"""Builds b − a + c from the rows as they are, then ranks by cosine."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "target built from raw rows"


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = E[b] - E[a] + E[c]
    cosines = unit @ (target / target.norm())
    cosines[[a, b, c]] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
