"""topk(k + 1) to make room for row idx, but idx is never dropped."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "k + 1 results"


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    values, indices = cosines.topk(k + 1)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
