"""Uses the sigmoid approximation of GELU (CLIP's QuickGELU), x * sigmoid(1.702 x)."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "sigmoid approximation of GELU, x · sigmoid(1.702·x)"

import torch


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        h = self.fc(x)
        return self.dropout(self.proj(h * torch.sigmoid(1.702 * h)))
