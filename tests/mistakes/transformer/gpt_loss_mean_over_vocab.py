"""Writes the cross-entropy by hand with a one-hot mask and .mean(), which also divides by the vocabulary size."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "loss averaged over the vocabulary too"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        V = logits.size(-1)
        return logits, -(F.log_softmax(logits, dim=-1) * F.one_hot(targets, V)).mean()
