"""Normalises E in place: right answer, but the caller's embeddings are changed."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "your code changed its input in place"


def most_similar(E, idx, k):
    E /= E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = E @ E[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
