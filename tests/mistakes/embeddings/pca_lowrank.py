"""Calls torch.pca_lowrank, which the exercise asks you to write yourself."""

EXERCISE = "embeddings.pca_2d"
DIAGNOSIS = "torch.pca_lowrank"
STATUS = "banned"

import torch


def pca_2d(E):
    _, _, V = torch.pca_lowrank(E, q=2)
    return (E - E.mean(dim=0)) @ V
