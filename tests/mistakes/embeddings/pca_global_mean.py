"""E - E.mean(): one number subtracted from every entry, so the columns keep their own means."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "centred with the mean of all entries"

import torch


def pca_2d(E):
    X = E - E.mean()
    _, _, Vh = torch.linalg.svd(X, full_matrices=False)
    return X @ Vh[:2].T
