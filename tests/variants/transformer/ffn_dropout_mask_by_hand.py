"""Dropout written by hand: a Bernoulli keep mask, the kept entries scaled by 1 / (1 - p), only in training."""

EXERCISE = "transformer.FeedForward"

import torch
import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        y = self.proj(F.gelu(self.fc(x)))
        p = self.dropout.p
        if self.training and p > 0:
            y = y * (torch.rand_like(y) >= p) / (1 - p)
        return y
