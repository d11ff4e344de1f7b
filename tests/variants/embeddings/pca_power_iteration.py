"""Power iteration with deflation on the covariance (the curriculum allows it), in float64."""

EXERCISE = "embeddings.pca_2d"

import torch


def _top_eigenvector(C, iterations=5000, tol=1e-13):
    v = torch.ones(C.shape[0], dtype=C.dtype) + 0.01 * torch.arange(C.shape[0], dtype=C.dtype)
    v = v / v.norm()
    for _ in range(iterations):
        w = C @ v
        norm = w.norm()
        if norm == 0:
            return v
        w = w / norm
        if torch.minimum((w - v).norm(), (w + v).norm()) < tol:
            return w
        v = w
    return v


def pca_2d(E):
    X = (E - E.mean(dim=0)).double()
    C = X.T @ X
    first = _top_eigenvector(C)
    C = C - (first @ C @ first) * torch.outer(first, first)
    second = _top_eigenvector(C)
    second = second - (second @ first) * first
    second = second / second.norm().clamp_min(1e-300)
    return (X @ torch.stack([first, second], dim=1)).to(E.dtype)
