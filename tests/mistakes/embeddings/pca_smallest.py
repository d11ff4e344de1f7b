"""Assumes ascending singular values (as torch.linalg.eigh gives eigenvalues) and takes the last two."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "the two smallest components"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return X @ Vh[-2:].T
