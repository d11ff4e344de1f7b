"""Eigenvectors of the covariance with eigh, whose first two are the smallest."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "torch.linalg.eigh lists eigenvalues in ascending order"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, vectors = torch.linalg.eigh(X.T @ X)
    return X @ vectors[:, :2]
