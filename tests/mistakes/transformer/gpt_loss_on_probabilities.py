"""Applies softmax before F.cross_entropy, which expects raw logits."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "cross_entropy given probabilities: pass the raw logits, it applies log-softmax itself"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, _ = logits.shape
        return logits, F.cross_entropy(logits.softmax(dim=-1).view(B * T, -1), targets.view(B * T))
