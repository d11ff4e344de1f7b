"""Flattens the positions to (N, d_model) for the Linears and never restores the leading dims."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "output flattened to (N, d_model)"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        flat = x.reshape(-1, x.size(-1))
        return self.dropout(self.proj(F.gelu(self.fc(flat))))
