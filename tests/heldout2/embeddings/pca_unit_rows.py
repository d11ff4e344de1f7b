"""Normalises every row to unit length before the PCA ("embeddings are compared by cosine, so use
the directions"): the map is of the directions of the rows, not of the rows of E."""

EXERCISE = "embeddings.pca_2d"
MISCONCEPTION = "rows normalised to unit length before centring and SVD"
NAMED_BY = r"normalis|unit length|row lengths?|scal"

import torch


def pca_2d(E):
    X = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    X = X - X.mean(dim=0)
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return X @ Vh[:2].T
