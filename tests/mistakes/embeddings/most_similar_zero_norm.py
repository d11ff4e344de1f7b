"""Divides by the norms as they are: a zero row becomes nan."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "a zero row divides by zero"


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
