"""F.cosine_similarity against the query row (its eps keeps a zero row at 0), idx masked, .tolist() pairs."""

EXERCISE = "embeddings.most_similar"

import torch.nn.functional as F


def most_similar(E, idx, k):
    cos = F.cosine_similarity(E, E[idx].unsqueeze(0), dim=1)  # (V,)
    cos[idx] = -2.0  # below every cosine
    values, indices = cos.topk(k)
    return list(zip(indices.tolist(), values.tolist()))
