"""Asks cross_entropy for reduction='none' and returns the B*T losses unreduced."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "a loss per position (reduction='none')"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, V = logits.shape
        return logits, F.cross_entropy(logits.view(B * T, V), targets.view(B * T), reduction="none")
