"""Drops by hand with a Bernoulli mask but forgets to scale the kept entries by 1 / (1 - p)."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "kept entries not scaled by 1 / (1 - p)"

import torch
import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        y = self.proj(F.gelu(self.fc(x)))
        if self.training and self.dropout.p > 0:
            y = y * (torch.rand_like(y) >= self.dropout.p)
        return y
