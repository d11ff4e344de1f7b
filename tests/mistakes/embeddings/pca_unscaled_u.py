"""Returns U[:, :2]: the right directions, but every axis squeezed to unit length."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "coordinates are U[:, :2] without the singular values"

import torch


def pca_2d(E):
    U, _, _ = torch.linalg.svd(E - E.mean(dim=0), full_matrices=False)
    return U[:, :2]
