"""Vh[:2] @ X.T: the (2, V) transpose of the map."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "the map is transposed, (2, V)"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return Vh[:2] @ X.T
