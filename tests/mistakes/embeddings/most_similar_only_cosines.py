"""Returns the k cosines without their indices."""

EXERCISE = "embeddings.most_similar"
DIAGNOSIS = "returns only the cosines"


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    cosines[idx] = float("-inf")
    values, indices = cosines.topk(k)
    return values.tolist()
