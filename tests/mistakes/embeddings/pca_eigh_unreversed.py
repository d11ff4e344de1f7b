"""eigh's last two eigenvectors in eigh's (ascending) order: the axes swapped."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "the two axes in the wrong order"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, vectors = torch.linalg.eigh(X.T @ X)
    return X @ vectors[:, -2:]
