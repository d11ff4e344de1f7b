"""Centres X but takes the SVD of E."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "the SVD taken of E instead of the centred X"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(E, full_matrices=False)
    return X @ Vh[:2].T
