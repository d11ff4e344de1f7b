"""Adds label smoothing to the loss (as some training recipes do); the docstring's loss is the plain mean cross-entropy."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "label smoothing in the loss"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, V = logits.shape
        return logits, F.cross_entropy(logits.view(B * T, V), targets.view(B * T), label_smoothing=0.1)
