"""The reference Block on a FeedForward that uses ReLU: the feed-forward exercise does not pass yet."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "your FeedForward (transformer.FeedForward) does not pass yet; Block builds on it"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(F.relu(self.fc(x))))
