"""Shuffles the ids before splitting them."""

EXERCISE = "tokenization.train_val_split"
DIAGNOSIS = "ids shuffled before splitting"


import torch


def train_val_split(ids, val_fraction):
    shuffled = torch.as_tensor(ids)[torch.randperm(len(ids), generator=torch.Generator().manual_seed(0))]
    cut = int(len(ids) * (1 - val_fraction))
    return shuffled[:cut], shuffled[cut:]
