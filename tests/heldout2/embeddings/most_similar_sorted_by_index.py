"""Gets the right k neighbours but finishes with sorted(pairs), which sorts the tuples by their
first item, the index, not by the cosine: "sorted" meant "most similar first" to the learner."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "the k pairs come back sorted by index instead of most similar first"
NAMED_BY = r"order|sorted|most similar first|descending|rank"

import torch


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    sims = unit @ unit[idx]
    sims[idx] = -float("inf")
    values, indices = sims.topk(k)
    return sorted((int(i), float(s)) for i, s in zip(indices, values))
