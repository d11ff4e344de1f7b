"""Uses ReLU, as the original Transformer did, where GPT uses GELU."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "ReLU instead of GELU"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(F.relu(self.fc(x))))
