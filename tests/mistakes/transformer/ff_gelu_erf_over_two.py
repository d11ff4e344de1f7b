"""Writes GELU by hand with erf(x / 2) instead of erf(x / sqrt(2))."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "GELU written with erf(x / 2)"

import torch


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        h = self.fc(x)
        return self.dropout(self.proj(0.5 * h * (1 + torch.erf(h / 2))))
