"""Zips topk's tensors: right ranking, but each pair is (tensor, tensor), not (int, float)."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "pairs hold tensors, not Python numbers"


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return list(zip(indices, values))
