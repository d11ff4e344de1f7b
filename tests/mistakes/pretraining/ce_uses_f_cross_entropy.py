"""Calls F.cross_entropy, which the exercise asks you to write."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "is not allowed in this exercise"
STATUS = "banned"

import torch.nn.functional as F


def cross_entropy(logits, targets):
    return F.cross_entropy(logits, targets)
