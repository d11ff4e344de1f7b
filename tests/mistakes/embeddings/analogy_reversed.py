"""a − b + c: the offset points the wrong way."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "target is a − b + c"


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[a] - unit[b] + unit[c]
    cosines = unit @ (target / target.norm())
    cosines[[a, b, c]] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
