"""Hands the (B, T, V) logits to F.cross_entropy as they are, which reads the classes from dim 1."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "cross_entropy given (B, T, V) logits"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits, targets)
