"""Creates self.dropout and never calls it."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "dropout never applied: apply self.dropout to the output"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.proj(F.gelu(self.fc(x)))
