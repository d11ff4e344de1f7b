"""Drops out the hidden layer (as some MLPs do) instead of the output the docstring names."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "dropout applied before the output projection: FeedForward drops its output, self.dropout(self.proj(h))"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.proj(self.dropout(F.gelu(self.fc(x))))
