"""Takes the top k + 1 and drops the first, assuming the query itself always ranks first."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "excludes the query by dropping the top hit; with a duplicate (or zero) query row the query is not necessarily first, so it can stay and a true neighbour is dropped"
NAMED_BY = r"itself|query (row|itself)|left out|duplicate|\btie|k ?\+ ?1|first (hit|result)|drops? the (first|top)"

import torch


def most_similar(E, idx, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cosines = unit @ unit[idx]
    values, indices = cosines.topk(k + 1)
    return [(int(i), float(v)) for i, v in zip(indices[1:], values[1:])]
