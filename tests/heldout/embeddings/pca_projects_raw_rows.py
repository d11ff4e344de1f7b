"""Finds the directions from the centred rows but projects the raw rows E onto them."""

EXERCISE = "embeddings.pca_2d"
MISCONCEPTION = "projects uncentred E instead of X = E - mean, so every coordinate is shifted by the mean's projection"
NAMED_BY = r"centr|mean\b|shift|offset|project\w* (E|the raw|uncentred)"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return E @ Vh[:2].T
