"""Projects with X @ Vh[:2].T and multiplies by S[:2] as well."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "the singular values applied twice"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, S, Vh = torch.linalg.svd(X, full_matrices=False)
    return X @ Vh[:2].T * S[:2]
