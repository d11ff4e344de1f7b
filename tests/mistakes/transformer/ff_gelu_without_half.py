"""Writes GELU by hand as x * (1 + erf(x / sqrt 2)), losing the factor 0.5 of Phi(x)."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "GELU written without its factor 0.5"

import math

import torch


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        h = self.fc(x)
        return self.dropout(self.proj(h * (1 + torch.erf(h / math.sqrt(2)))))
