"""Builds the staircase with numpy (np.tril), and returns the numpy array instead of a tensor."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "the right pattern, but not as a tensor"

import numpy as np


def causal_mask(T, device=None):
    return np.tril(np.ones((T, T), dtype=bool))
