"""Right ranking, but the scores are unit rows · target, not cosines."""

EXERCISE = "embeddings.analogy"
DIAGNOSIS = "scores are not cosines"


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    scores = unit @ (unit[b] - unit[a] + unit[c])
    scores[[a, b, c]] = float("-inf")
    values, indices = scores.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
