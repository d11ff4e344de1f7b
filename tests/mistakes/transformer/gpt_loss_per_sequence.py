"""Sums the loss over each sequence's positions, then averages over the batch."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "loss summed over the positions and averaged over the batch"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        per_token = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")  # (B, T)
        return logits, per_token.sum(dim=1).mean()
