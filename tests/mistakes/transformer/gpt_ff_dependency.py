"""The reference GPT on a FeedForward with the tanh-approximate GELU: that exercise does not pass yet."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "your FeedForward (transformer.FeedForward) does not pass yet; GPT builds on it"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(x), approximate="tanh")))
