"""Removes the query row from E before ranking, and returns indices into the shortened table."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "indices past idx are off by one: they index the table with row idx removed, not E"
NAMED_BY = r"off.by.one|shift|removed|row numbers|indices? (above|after|past)|renumber"

import torch


def most_similar(E, idx, k):
    others = torch.cat([E[:idx], E[idx + 1:]])
    unit = others / others.norm(dim=1, keepdim=True).clamp_min(1e-12)
    query = E[idx] / E[idx].norm().clamp_min(1e-12)
    values, indices = (unit @ query).topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
