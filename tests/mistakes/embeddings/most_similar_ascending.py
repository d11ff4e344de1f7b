"""Sorts the cosines ascending and takes the first k: the least similar rows."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "least similar first"


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("inf")
    values, indices = cosines.sort()
    return [(int(i), float(v)) for i, v in zip(indices[:k], values[:k])]
