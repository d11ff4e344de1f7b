"""SVD of E itself: the first axis points at the mean row."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "rows not centred"

import torch


def pca_2d(E):
    _, _, Vh = torch.linalg.svd(E, full_matrices=False)
    return E @ Vh[:2].T
