"""Reads the dropout argument as the keep probability (TensorFlow 1's keep_prob) and drops 1 - dropout."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "dropout given the keep probability"

import torch.nn as nn


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__(d_model, d_ff, dropout)
        self.dropout = nn.Dropout(1 - dropout)
