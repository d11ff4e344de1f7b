"""Sums the loss over positions instead of averaging."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "loss summed instead of averaged: the mean over all B·T positions (F.cross_entropy's default)"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, _ = logits.shape
        return logits, F.cross_entropy(logits.view(B * T, -1), targets.view(B * T), reduction="sum")
