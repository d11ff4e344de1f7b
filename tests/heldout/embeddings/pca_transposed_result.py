"""Returns Vh[:2] @ Xᵀ: two rows of V coordinates."""

EXERCISE = "embeddings.pca_2d"
MISCONCEPTION = "returns shape (2, V) instead of (V, 2)"
NAMED_BY = r"has shape \(2, \d+\)|transpos|\(2, V\)|\(V, 2\)"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return Vh[:2] @ X.T
