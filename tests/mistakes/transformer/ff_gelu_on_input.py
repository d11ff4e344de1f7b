"""Applies GELU to the input before the first Linear, proj(fc(gelu(x)))."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "GELU applied to the input, before fc"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(self.fc(F.gelu(x))))
