"""Subtracts each row's own mean instead of the mean row."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "centred along the wrong axis"

import torch


def pca_2d(E):
    X = E - E.mean(dim=1, keepdim=True)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return X @ Vh[:2].T
