"""Uses GPT-2's tanh approximation of GELU instead of the exact one."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "GELU with the tanh approximation: use the exact GELU, nn.GELU() or F.gelu(x)"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(F.gelu(self.fc(x), approximate="tanh")))
