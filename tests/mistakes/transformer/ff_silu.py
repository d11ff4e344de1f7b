"""SiLU (swish) between the Linears, as in LLaMA-style MLPs, where the docstring asks for the exact GELU."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "SiLU (x · sigmoid(x)) instead of GELU"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(F.silu(self.fc(x))))
