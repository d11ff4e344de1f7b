"""The scores read off the SVD directly, U[:, :2] * S[:2]."""

EXERCISE = "embeddings.pca_2d"

import torch


def pca_2d(E):
    centred = E - E.mean(0)
    U, S, _ = torch.linalg.svd(centred, full_matrices=False)
    return U[:, :2] * S[:2]
