"""Applies GELU after every Linear, the output projection included."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "GELU applied to the output too: the activation goes between the two Linears only"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        for layer in (self.fc, self.proj):
            x = F.gelu(layer(x))
        return self.dropout(x)
