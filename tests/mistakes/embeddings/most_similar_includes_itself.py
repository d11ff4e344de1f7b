"""Forgets to leave the query out: it comes first, with cosine 1."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "row idx itself is in the results"


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    values, indices = (unit @ unit[idx]).topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
