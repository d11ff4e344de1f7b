"""Ranks rows by Euclidean distance to the query (nearest first) and reports minus the distance."""

EXERCISE = "embeddings.most_similar"
MISCONCEPTION = "uses Euclidean distance instead of cosine similarity: length matters and the scores are not cosines"
NAMED_BY = r"euclid|distance"

import torch


def most_similar(E, idx, k):
    distances = (E - E[idx]).norm(dim=1)
    distances[idx] = float("inf")
    values, indices = (-distances).topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values)]
