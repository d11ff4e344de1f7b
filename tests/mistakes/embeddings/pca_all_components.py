"""Projects onto every direction: (V, min(V, dim))."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "every component kept"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return X @ Vh.T
