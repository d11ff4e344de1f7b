"""Does the PCA with numpy (np.linalg.svd on E.numpy()) and returns the numpy array, since the maths
is the same: the result is not a Tensor."""

EXERCISE = "embeddings.pca_2d"
MISCONCEPTION = "returns a numpy array instead of a Tensor (V, 2)"
NAMED_BY = r"numpy|ndarray|not a (torch )?tensor|type"

import numpy as np


def pca_2d(E):
    X = E.detach().cpu().numpy()
    X = X - X.mean(axis=0)
    _, _, Vh = np.linalg.svd(X, full_matrices=False)
    return X @ Vh[:2].T
