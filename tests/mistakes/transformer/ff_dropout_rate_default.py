"""Builds nn.Dropout() without the rate, so it drops half the entries whatever dropout says."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "the dropout rate ignored"

import torch.nn as nn


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__(d_model, d_ff, dropout)
        self.dropout = nn.Dropout()
