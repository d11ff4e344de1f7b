"""Normalises the query but not the rows it is compared with."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "only the query row normalised"


def most_similar(E, idx, k):
    scores = E @ (E[idx] / E[idx].norm())
    scores[idx] = float("-inf")
    values, indices = scores.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
