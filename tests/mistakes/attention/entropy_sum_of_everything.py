"""Keeps only the non-zero weights with boolean indexing, which flattens them, and sums everything."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "everything summed into one number"

import math

import torch


def attention_entropy(weights):
    w = weights[weights > 0]
    return -(w * w.log()).sum()
