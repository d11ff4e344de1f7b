"""Ranks by E @ E[idx]: long rows win whatever their direction."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "ranked by dot product"


def most_similar(E, idx, k):
    scores = E @ E[idx]
    scores[idx] = float("-inf")
    values, indices = scores.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
