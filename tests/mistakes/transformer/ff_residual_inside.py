"""Adds the residual inside the MLP, though the docstring leaves it to Block."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "residual added inside FeedForward"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return x + self.dropout(self.proj(F.gelu(self.fc(x))))
