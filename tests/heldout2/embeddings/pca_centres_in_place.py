"""Centres the matrix in place (E -= E.mean(dim=0)): the projection is right, but the caller's
embeddings are now centred too."""

EXERCISE = "embeddings.pca_2d"
MISCONCEPTION = "centres E in place, changing the caller's embeddings"
NAMED_BY = r"in[- ]place|modif|mutat|chang\w* (the )?(caller|input|E\b)|overwr"

import torch


def pca_2d(E):
    E -= E.mean(dim=0)
    _, _, Vh = torch.linalg.svd(E, full_matrices=False)
    return E @ Vh[:2].T
