"""Does not leave a, b and c out: b or c usually comes first."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "a query word returned"


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[a] + unit[c]
    values, indices = (unit @ (target / target.norm())).topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
